import { randomUUID } from 'node:crypto';
import type { Handlers } from '../core/dispatcher';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';
import type { SessionRegistry } from '../core/sessions/session-registry';
import { checkExpression } from '../domain/search/cel-filter';
import { SearchSession } from '../domain/search/search-session';
import type { Masking } from '../domain/connections/masking-source';

export function searchHandlers(
  sessions: SessionRegistry,
  reading: ReaderSource,
  schemaSource: SchemaSource,
  masking: Masking,
): Pick<Handlers, 'search:check' | 'search:start' | 'search:stop'> {
  return {
    'search:check': async ({ expression }) => checkExpression(expression),
    'search:start': async (spec, owner) => {
      const schemas = await schemaSource(owner, spec.stream, spec.schema);
      const { masker } = await masking.forRead(owner, spec.stream, spec.masking, 'view');
      const session = await sessions.start(
        new SearchSession(randomUUID(), owner, { ...reading(owner, spec.stream), spec, schemas, masker }),
      );
      return { sessionId: session.id };
    },
    'search:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'search') }),
  };
}

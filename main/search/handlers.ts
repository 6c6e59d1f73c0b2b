import { randomUUID } from 'node:crypto';
import type { Handlers } from '../dispatch/dispatcher';
import type { ReaderSource } from '../reader/reader-source';
import type { SessionRegistry } from '../sessions/session-registry';
import { checkExpression } from './cel-filter';
import { SearchSession } from './search-session';

export function searchHandlers(
  sessions: SessionRegistry,
  reading: ReaderSource,
): Pick<Handlers, 'search:check' | 'search:start' | 'search:stop'> {
  return {
    'search:check': async ({ expression }) => checkExpression(expression),
    'search:start': async (spec, owner) => {
      const session = await sessions.start(new SearchSession(randomUUID(), owner, { ...reading(spec.stream), spec }));
      return { sessionId: session.id };
    },
    'search:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'search') }),
  };
}

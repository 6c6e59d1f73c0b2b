import { randomUUID } from 'node:crypto';
import type { Handlers } from '../core/dispatcher';
import type { Masking } from '../domain/connections/masking-source';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SessionRegistry } from '../core/sessions/session-registry';
import { HeatSession } from '../domain/heat/heat-session';

export function heatHandlers(
  sessions: SessionRegistry,
  reading: ReaderSource,
  masking: Masking,
): Pick<Handlers, 'heat:start' | 'heat:stop'> {
  return {
    'heat:start': async (spec, owner) => {
      const { masker } = await masking.forRead(owner, spec.stream, undefined, 'view');
      const session = await sessions.start(new HeatSession(randomUUID(), owner, { ...reading(owner, spec.stream), spec, masker }));
      return { sessionId: session.id };
    },
    'heat:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'heat') }),
  };
}

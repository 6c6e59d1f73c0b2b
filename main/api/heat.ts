import { randomUUID } from 'node:crypto';
import type { Handlers } from '../core/dispatcher';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SessionRegistry } from '../core/sessions/session-registry';
import { HeatSession } from '../domain/heat/heat-session';

export function heatHandlers(sessions: SessionRegistry, reading: ReaderSource): Pick<Handlers, 'heat:start' | 'heat:stop'> {
  return {
    'heat:start': async (spec, owner) => {
      const session = await sessions.start(new HeatSession(randomUUID(), owner, { ...reading(owner, spec.stream), spec }));
      return { sessionId: session.id };
    },
    'heat:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'heat') }),
  };
}

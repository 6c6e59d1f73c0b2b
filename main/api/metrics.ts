import { randomUUID } from 'node:crypto';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { Handlers } from '../core/dispatcher';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SessionRegistry } from '../core/sessions/session-registry';
import { cloudWatchHistory } from '../domain/metrics/cloudwatch';
import { MetricsSession } from '../domain/metrics/metrics-session';
import { AppError } from '../core/app-error';
import { meterEndProblem } from '../../shared/meter-end';

/** A meter that would stop before it measured anything is refused, whichever host asks. */
function refuseEnd(problem: ReturnType<typeof meterEndProblem>): void {
  if (problem === 'caught-up-at-once')
    throw new AppError('invalid-input', 'From the newest record the meter is caught up at once: give an end time still to come.');
  if (problem === 'end-already-past')
    throw new AppError('invalid-input', 'The end time is already past: from the newest record the meter would measure nothing.');
}

export function metricsHandlers(
  sessions: SessionRegistry,
  connections: ConnectionManager,
  reading: ReaderSource,
): Pick<Handlers, 'metrics:start' | 'metrics:stop' | 'metrics:cloudwatch'> {
  return {
    'metrics:start': async ({ stream, position, intervalMs, until }, owner) => {
      if (until) refuseEnd(meterEndProblem(position, until));
      const session = await sessions.start(
        new MetricsSession(randomUUID(), owner, { ...reading(owner, stream), stream, position, intervalMs, until }),
      );
      return { sessionId: session.id };
    },
    'metrics:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'metrics') }),
    'metrics:cloudwatch': ({ name }, owner) => cloudWatchHistory(connections.target(owner), name),
  };
}

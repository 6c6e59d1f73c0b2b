import { randomUUID } from 'node:crypto';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { Handlers } from '../core/dispatcher';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SessionRegistry } from '../core/sessions/session-registry';
import { cloudWatchHistory } from '../domain/metrics/cloudwatch';
import { MetricsSession } from '../domain/metrics/metrics-session';

export function metricsHandlers(
  sessions: SessionRegistry,
  connections: ConnectionManager,
  reading: ReaderSource,
): Pick<Handlers, 'metrics:start' | 'metrics:stop' | 'metrics:cloudwatch'> {
  return {
    'metrics:start': async ({ stream, position }, owner) => {
      const session = await sessions.start(new MetricsSession(randomUUID(), owner, { ...reading(owner, stream), stream, position }));
      return { sessionId: session.id };
    },
    'metrics:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'metrics') }),
    'metrics:cloudwatch': ({ name }, owner) => cloudWatchHistory(connections.target(owner), name),
  };
}

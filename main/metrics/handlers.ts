import type { ConnectionManager } from '../connections/connection-manager';
import { createClientFor } from '../connections/target';
import type { Handlers } from '../dispatch/dispatcher';
import type { EventHub } from '../dispatch/event-hub';
import { type SessionRegistry } from '../sessions/session-registry';
import { cloudWatchHistory } from './cloudwatch';
import { MetricsSession, publishTo } from './metrics-session';

export function metricsHandlers(registry: SessionRegistry<MetricsSession>, connections: ConnectionManager, events: EventHub): Pick<Handlers, 'metrics:start' | 'metrics:stop' | 'metrics:cloudwatch'> {
  return {
    'metrics:start': async ({ stream, position }) => ({
      sessionId: await registry.start((id) => new MetricsSession(id, createClientFor(connections.target(), { maxAttempts: 1 }), stream, position, publishTo(events))),
    }),
    'metrics:stop': async ({ sessionId }) => ({ stopped: await registry.stop(sessionId) }),
    'metrics:cloudwatch': ({ name }) => cloudWatchHistory(connections.target(), name),
  };
}

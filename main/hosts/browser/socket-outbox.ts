import type { WebSocket } from 'ws';
import type { EventTopic } from '../../../shared/contract';
import type { ServerMessage } from '../../../shared/ws-protocol';
import type { HostLimits } from './host-limits';

/**
 * Topics whose next event supersedes or merely adds to the last: a tab that falls behind can miss
 * some and be told so. Session status, connection changes and call results are never skipped.
 */
const SKIPPABLE: ReadonlySet<string> = new Set<EventTopic>([
  'preview:records',
  'metrics:sample',
  'run:progress',
  'search:matches',
  'search:progress',
  'heat:progress',
  'sandbox:producer',
]);

const DRAIN_CHECK_MS = 200;

export interface SocketOutbox {
  send(message: ServerMessage): void;
  close(): void;
}

/**
 * What main sends one tab. `ws` buffers without bound when a tab stops reading (a frozen page, a
 * paused debugger, a hostile client); this keeps that buffer under `lagBytes` for the busy topics
 * and closes a socket that lets it pass `closeBytes`. Once the tab catches up it gets one
 * `host:lagging` event naming what it missed.
 */
export function createSocketOutbox(ws: WebSocket, limits: Pick<HostLimits, 'lagBytes' | 'closeBytes'>): SocketOutbox {
  let skipped = 0;
  const skippedTopics = new Set<string>();
  let drainTimer: NodeJS.Timeout | null = null;

  const write = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > limits.closeBytes) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  };

  const checkDrained = () => {
    if (ws.readyState !== ws.OPEN) return stopDrainCheck();
    if (ws.bufferedAmount > limits.lagBytes / 4) return;
    stopDrainCheck();
    const payload = { skipped, topics: [...skippedTopics].sort() };
    skipped = 0;
    skippedTopics.clear();
    write({ type: 'event', topic: 'host:lagging', payload });
  };
  const stopDrainCheck = () => {
    if (drainTimer) clearInterval(drainTimer);
    drainTimer = null;
  };

  return {
    send(message) {
      if (message.type === 'event' && SKIPPABLE.has(message.topic) && ws.bufferedAmount > limits.lagBytes) {
        skipped += 1;
        skippedTopics.add(message.topic);
        drainTimer ??= setInterval(checkDrained, DRAIN_CHECK_MS).unref();
        return;
      }
      write(message);
    },
    close: stopDrainCheck,
  };
}

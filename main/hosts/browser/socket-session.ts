import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { isEventTopic } from '../../../shared/contract';
import { clientMessageSchema, type ServerMessage } from '../../../shared/ws-protocol';
import type { ShardscopeApp } from '../../app/shardscope-app';
import { createOwner } from '../../core/sessions/session-owner';
import type { HostLimits } from './host-limits';
import { createSocketOutbox } from './socket-outbox';

/**
 * One browser tab. Its calls go to the dispatcher as its own; sessions it starts send their
 * events to it alone; broadcast events reach it for the topics it subscribed to. Closing the tab
 * ends its sessions, even one still starting.
 */
export function attachSocket(ws: WebSocket, app: ShardscopeApp, limits: HostLimits): void {
  const topics = new Set<string>();
  const outbox = createSocketOutbox(ws, limits);
  const send = (message: ServerMessage) => outbox.send(message);
  let callsInFlight = 0;
  const deliver = (topic: string, payload: unknown) => {
    if (topics.has(topic)) send({ type: 'event', topic, payload });
  };
  const owner = createOwner(`socket:${randomUUID()}`, deliver);
  const detach = app.events.attach(deliver);
  // A frame over the size limit, invalid UTF-8 or a reset: ws closes this socket; nothing else is touched.
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    outbox.close();
    detach();
    owner.close();
    void app.closeOwner(owner.id);
  });

  ws.on('message', async (data, isBinary) => {
    if (isBinary) {
      ws.close(1003, 'messages must be JSON text');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      ws.close(1003, 'messages must be JSON');
      return;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      ws.close(1008, 'malformed message');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'call': {
        if (callsInFlight >= limits.maxCallsInFlight) {
          const busy = `This tab already has ${limits.maxCallsInFlight} calls waiting; try again when they finish.`;
          send({ type: 'result', id: message.id, result: { ok: false, error: { code: 'unavailable', message: busy } } });
          break;
        }
        callsInFlight += 1;
        const result = await app
          .dispatch(message.channel, message.input, owner)
          .catch(() => ({
            ok: false as const,
            error: { code: 'internal' as const, message: 'Shardscope hit an unexpected error; details are in its log.' },
          }))
          .finally(() => (callsInFlight -= 1));
        send({ type: 'result', id: message.id, result });
        break;
      }
      case 'subscribe':
        if (isEventTopic(message.topic)) topics.add(message.topic);
        break;
      case 'unsubscribe':
        topics.delete(message.topic);
        break;
    }
  });
}

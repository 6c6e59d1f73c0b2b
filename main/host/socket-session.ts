import type { WebSocket } from 'ws';
import { isEventTopic } from '../../shared/contract';
import { clientMessageSchema, type ServerMessage } from '../../shared/ws-protocol';
import type { ShardscopeApp } from '../app/shardscope-app';

/** One browser tab: its calls go to the dispatcher; it receives only the topics it subscribed to. */
export function attachSocket(ws: WebSocket, app: ShardscopeApp): void {
  const topics = new Set<string>();
  // Sessions this tab started: a closed tab leaves no reader running in main.
  const previews = new Set<string>();
  const meters = new Set<string>();
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const detach = app.events.attach((topic, payload) => {
    if (topics.has(topic)) send({ type: 'event', topic, payload });
  });
  ws.on('close', () => {
    detach();
    for (const id of previews) void app.previews.stop(id);
    for (const id of meters) void app.meters.stop(id);
  });

  ws.on('message', async (data) => {
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
        const result = await app.dispatch(message.channel, message.input).catch(() => ({
          ok: false as const,
          error: { code: 'internal' as const, message: 'Shardscope hit an unexpected error; details are in its log.' },
        }));
        if (result.ok && (message.channel === 'preview:start' || message.channel === 'metrics:start')) {
          (message.channel === 'preview:start' ? previews : meters).add((result.value as { sessionId: string }).sessionId);
        }
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

import type { WebSocket } from 'ws';
import type { Envelope } from '../../shared/contract/errors';
import { openSocket, outcome } from './host';

export interface TestTab {
  socket: WebSocket;
  /** Every event this tab received, in order. */
  events: { topic: string; payload: Record<string, unknown> }[];
  call(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Sends a call without waiting for its answer. */
  send(channel: string, input: unknown): void;
  subscribe(...topics: string[]): void;
  close(): void;
}

/** A browser tab as the host sees it: one token-bearing WebSocket with its calls and events. */
export async function openTab(origin: string, token: string): Promise<TestTab> {
  const socket = openSocket(origin, { token });
  if ((await outcome(socket)) !== 'open') throw new Error('the host refused the socket');
  let nextId = 1;
  const pending = new Map<number, (result: Envelope<unknown>) => void>();
  const events: TestTab['events'] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      id: number;
      result: Envelope<unknown>;
      topic: string;
      payload: Record<string, unknown>;
    };
    if (message.type === 'result') pending.get(message.id)?.(message.result);
    else events.push({ topic: message.topic, payload: message.payload });
  });
  const send = (channel: string, input: unknown) => {
    const id = nextId++;
    socket.send(JSON.stringify({ type: 'call', id, channel, input }));
    return id;
  };
  return {
    socket,
    events,
    send,
    call: (channel, input) =>
      new Promise((resolve) => {
        pending.set(send(channel, input), resolve);
      }),
    subscribe: (...topics) => {
      for (const topic of topics) socket.send(JSON.stringify({ type: 'subscribe', topic }));
    },
    close: () => socket.close(),
  };
}

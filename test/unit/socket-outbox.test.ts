import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { createSocketOutbox } from '../../main/hosts/browser/socket-outbox';
import type { ServerMessage } from '../../shared/ws-protocol';

/** What the outbox needs of a `ws` socket: its buffer, its state, send and terminate. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: ServerMessage[] = [];
  terminated = false;
  send(text: string) {
    this.sent.push(JSON.parse(text) as ServerMessage);
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
  }
}

const limits = { lagBytes: 1_000, closeBytes: 10_000 };
const records = (n: number): ServerMessage => ({ type: 'event', topic: 'preview:records', payload: { n } });
const status: ServerMessage = { type: 'event', topic: 'session:status', payload: { sessionId: 's' } };
const result: ServerMessage = { type: 'result', id: 1, result: { ok: true, value: null } };

describe('the socket outbox', () => {
  afterEach(() => vi.useRealTimers());

  it('sends everything while the tab keeps up', () => {
    const socket = new FakeSocket();
    const outbox = createSocketOutbox(socket as unknown as WebSocket, limits);
    outbox.send(records(1));
    outbox.send(status);
    outbox.send(result);
    expect(socket.sent).toEqual([records(1), status, result]);
  });

  it('skips busy topics while the tab lags, never results or session status, then says what it skipped', () => {
    vi.useFakeTimers();
    const socket = new FakeSocket();
    const outbox = createSocketOutbox(socket as unknown as WebSocket, limits);
    socket.bufferedAmount = 5_000;
    outbox.send(records(1));
    outbox.send(records(2));
    outbox.send({ type: 'event', topic: 'metrics:sample', payload: {} });
    outbox.send(status);
    outbox.send(result);
    expect(socket.sent).toEqual([status, result]);
    vi.advanceTimersByTime(1_000);
    expect(socket.sent).toHaveLength(2);
    socket.bufferedAmount = 100;
    vi.advanceTimersByTime(250);
    expect(socket.sent.at(-1)).toEqual({
      type: 'event',
      topic: 'host:lagging',
      payload: { skipped: 3, topics: ['metrics:sample', 'preview:records'] },
    });
    outbox.send(records(3));
    expect(socket.sent.at(-1)).toEqual(records(3));
    outbox.close();
  });

  it('closes a socket that lets its buffer pass the hard limit', () => {
    const socket = new FakeSocket();
    const outbox = createSocketOutbox(socket as unknown as WebSocket, limits);
    socket.bufferedAmount = 20_000;
    outbox.send(result);
    expect(socket.terminated).toBe(true);
    expect(socket.sent).toEqual([]);
  });
});

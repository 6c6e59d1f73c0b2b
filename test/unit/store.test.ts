import { describe, expect, it } from 'vitest';
import { createApi } from '../../preload/create-api';
import { createAppStore } from '../../renderer/app/store';
import type { Transport } from '../../shared/api';
import { eventTopics, type CallName, type EventPayload, type EventTopic, type PreviewRecord } from '../../shared/contract';
import type { Envelope } from '../../shared/contract/errors';

/** The store on a fake transport: answers chosen per call, events pushed as main would push them. */
function storeWithFakeMain(answers: Partial<Record<CallName, unknown>> = {}) {
  const calls: { channel: CallName; input: unknown }[] = [];
  const subscriptions: [EventTopic, boolean][] = [];
  let deliver: (topic: string, payload: unknown) => void = () => {};
  const transport: Transport = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return (
        channel in answers
          ? { ok: true, value: answers[channel] }
          : { ok: false, error: { code: 'unavailable', message: 'not in this test' } }
      ) as Envelope<unknown>;
    },
    setSubscribed: (topic, subscribed) => subscriptions.push([topic, subscribed]),
    onEvent: (handler) => (deliver = handler),
  };
  const store = createAppStore(createApi(transport));
  const push = <T extends EventTopic>(topic: T, payload: EventPayload<T>) => deliver(topic, payload);
  return { store, calls, subscriptions, push };
}

const record = (n: number, second: number): PreviewRecord => ({
  id: `shardId-0/${n}/`,
  shardId: 'shardId-0',
  sequenceNumber: String(n),
  subSequenceNumber: null,
  partitionKey: `k${n}`,
  arrivalTime: new Date(Date.UTC(2026, 10, 28, 8, 0, second)).toISOString(),
  size: 1,
  compression: null,
  encoding: 'text',
  text: `r${n}`,
  truncated: false,
  error: null,
});

describe('the renderer store', () => {
  it('subscribes to every event topic once, for the window, and to nothing twice', () => {
    const { subscriptions } = storeWithFakeMain();
    expect(subscriptions.map(([topic]) => topic).sort()).toEqual([...eventTopics].sort());
    expect(subscriptions.every(([, subscribed]) => subscribed)).toBe(true);
  });

  it("keeps a preview's records in arrival order within its buffer, and ignores other sessions' batches", async () => {
    const { store, push } = storeWithFakeMain({ 'preview:start': { sessionId: 'mine' } });
    store.getState().setPreviewStream('orders');
    await store.getState().startPreview({ type: 'LATEST' });
    store.getState().setBufferLimit(3);
    push('preview:records', { sessionId: 'mine', records: [record(2, 2), record(1, 1)], dropped: 0 });
    push('preview:records', { sessionId: 'someone-else', records: [record(9, 0)], dropped: 0 });
    push('preview:records', { sessionId: 'mine', records: [record(4, 4), record(3, 3)], dropped: 5 });
    expect(store.getState().previewRecords.map((r) => r.text)).toEqual(['r2', 'r3', 'r4']);
    expect(store.getState().previewDropped).toBeGreaterThanOrEqual(5);
  });

  it("takes a session's stop from main and says why on the page", async () => {
    const { store, push } = storeWithFakeMain({ 'preview:start': { sessionId: 'mine' } });
    store.getState().setPreviewStream('orders');
    await store.getState().startPreview({ type: 'LATEST' });
    push('session:status', {
      sessionId: 'mine',
      kind: 'preview',
      state: 'stopped',
      stoppedBy: 'error',
      reason: 'AccessDeniedException: no',
    });
    expect(store.getState().sessionStatuses.mine).toMatchObject({ state: 'stopped', reason: 'AccessDeniedException: no' });
  });

  it('follows a connection switch made anywhere, and refreshes a connection list already shown', async () => {
    const list = { profiles: [], active: null, keychain: { available: true, reason: null }, problems: [] };
    const { store, push, calls } = storeWithFakeMain({ 'connections:list': list });
    const active = {
      kind: 'sandbox' as const,
      profile: null,
      label: 'Sandbox',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      readBudget: { callsPerSecond: 5, mibPerSecond: null },
    };
    push('connections:changed', active);
    expect(store.getState().connection).toEqual(active);
    expect(calls.filter((c) => c.channel === 'connections:list')).toHaveLength(0);
    await store.getState().loadConnectionList();
    push('connections:changed', { ...active, label: 'other' });
    await expect.poll(() => calls.filter((c) => c.channel === 'connections:list').length).toBe(2);
  });

  it('adds up what a lagging host skipped until the notice is dismissed', () => {
    const { store, push } = storeWithFakeMain();
    push('host:lagging', { skipped: 3, topics: ['preview:records'] });
    push('host:lagging', { skipped: 1, topics: ['metrics:sample'] });
    expect(store.getState().lagging).toEqual({ skipped: 4, topics: ['metrics:sample', 'preview:records'] });
    store.getState().dismissLagging();
    expect(store.getState().lagging).toBeNull();
  });

  it("keeps the demo producer's last status", () => {
    const { store, push } = storeWithFakeMain();
    push('sandbox:producer', { running: true, recordsWritten: 10, recordsPerSecond: 5, lastError: null });
    expect(store.getState().producer).toMatchObject({ recordsWritten: 10 });
  });
});

import { describe, expect, it } from 'vitest';
import { createApi } from '../../preload/create-api';
import type { Transport } from '../../shared/api';
import { eventTopics, type CallName, type EventPayload, type EventTopic, type PreviewRecord } from '../../shared/contract';
import type { Envelope } from '../../shared/contract/errors';
import { createAppStore } from '../../renderer/app/create-store';
import { shardListKey } from '../../renderer/state/streams-state';
import { writePlanKey } from '../../renderer/state/writes-state';

type Answer = (input: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>;

/** The store on a fake transport: answers chosen per call (a value, or a function of the input), events pushed as main would push them. */
function storeWithFakeMain(answers: Partial<Record<CallName, unknown | Answer>> = {}) {
  const calls: { channel: CallName; input: unknown }[] = [];
  const subscriptions: [EventTopic, boolean][] = [];
  let deliver: (topic: string, payload: unknown) => void = () => {};
  const transport: Transport = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      const answer = answers[channel];
      if (typeof answer === 'function') return (answer as Answer)(input);
      if (answer === undefined) return { ok: false, error: { code: 'unavailable', message: 'not in this test' } };
      return { ok: true, value: answer };
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
      readOnly: false,
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

  it('loads a stream detail panel by panel, marks a stream that is gone, and never lets a slow answer land on another stream', async () => {
    let answerSlowly: () => void = () => {};
    const { store } = storeWithFakeMain({
      'streams:describe': (input: unknown) => {
        const { name } = input as { name: string };
        if (name === 'slow') return new Promise((resolve) => (answerSlowly = () => resolve({ ok: true, value: { name: 'slow' } })));
        if (name === 'deleted') return { ok: false, error: { code: 'not-found', message: 'Stream deleted not found' } };
        return { ok: true, value: { name } };
      },
      'streams:shards': () => ({ ok: true, value: { shards: [] } }),
      'streams:tags': () => ({ ok: false, error: { code: 'access-denied', message: 'not allowed' } }),
    });
    const slow = store.getState().loadStreamDetail('slow');
    await store.getState().loadStreamDetail('orders');
    answerSlowly();
    await slow;
    const detail = store.getState().streamDetail!;
    expect(detail).toMatchObject({
      name: 'orders',
      summary: { status: 'ok', data: { name: 'orders' } },
      shards: { status: 'ok' },
    });
    expect(detail.tags).toMatchObject({ status: 'error', error: { code: 'access-denied' } });

    store.setState({
      streamRows: [
        { name: 'deleted', status: 'ACTIVE', mode: 'PROVISIONED', openShards: 1, retentionHours: 24, detailed: true, gone: false },
      ] as never,
    });
    await store.getState().loadStreamDetail('deleted');
    expect(store.getState().streamRows!.find((r) => r.name === 'deleted')!.gone).toBe(true);
  });

  it("keeps CloudWatch's history for the stream shown, not for one chosen before", async () => {
    const { store } = storeWithFakeMain({
      'metrics:cloudwatch': (input: unknown) => ({
        ok: true,
        value: { available: false, reason: (input as { name: string }).name, series: [] },
      }),
    });
    await Promise.all([store.getState().loadCloudWatch('orders'), store.getState().loadCloudWatch('clickstream')]);
    expect(store.getState().cloudWatch).toEqual({
      stream: 'clickstream',
      history: { status: 'ok', data: { available: false, reason: 'clickstream', series: [] } },
    });
  });

  it('fetches a truncated record whole from its own stream, and drops the answer once another record is selected', async () => {
    const { store, calls } = storeWithFakeMain({
      'preview:record': (input: unknown) => ({
        ok: true,
        value: { ...record(1, 1), text: `whole of ${(input as { stream: string }).stream}` },
      }),
    });
    await store.getState().loadFullRecord(record(1, 1), 'clickstream');
    expect(calls.at(-1)).toMatchObject({
      channel: 'preview:record',
      input: { stream: 'clickstream', shardId: 'shardId-0', sequenceNumber: '1' },
    });
    expect(store.getState().fullRecord).toMatchObject({
      id: record(1, 1).id,
      state: { status: 'ok', data: { text: 'whole of clickstream' } },
    });
    store.getState().selectRecord(record(2, 2).id);
    expect(store.getState().fullRecord).toBeNull();
  });

  it("keeps a copy's progress for its own session only, and a put's answer or refusal for the dialog", async () => {
    const { store, push, calls } = storeWithFakeMain({
      'copies:estimate': { token: 'e'.repeat(43) },
      'copies:start': { sessionId: 'copy-1', folder: '/data/copies/a-to-b' },
      'writes:planPut': { token: 'p'.repeat(43) },
      'writes:put': () => ({ ok: false, error: { code: 'read-only', message: '"prod" is a read-only connection' } }),
    });
    const progress = { read: 5, written: 5, retried: 0, alreadyWritten: 0, recordsPerSecond: 5, etaSeconds: null, manifest: '/m' };
    await store.getState().startCopy({ source: 'a', target: 'b', from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' } });
    // Resumed or started over without a confirmed plan: estimated again for a token, as main requires.
    expect(calls.find((c) => c.channel === 'copies:start')?.input).toMatchObject({ token: 'e'.repeat(43) });
    push('copy:progress', { ...progress, sessionId: 'someone-else', written: 99 });
    expect(store.getState().copyProgress).toBeNull();
    push('copy:progress', { ...progress, sessionId: 'copy-1' });
    expect(store.getState().copyProgress?.written).toBe(5);

    store.getState().openWriteDialog({ kind: 'put', stream: 'b' });
    const input = { stream: 'b', data: '{}', encoding: 'json' as const, partitionKey: 'k' };
    await store.getState().planPut(input);
    const plan = store.getState().writePlan;
    expect(plan?.key).toBe(writePlanKey(input));
    await store.getState().putRecord(input, plan?.state.status === 'ok' ? plan.state.data.token : '');
    const result = store.getState().putResult;
    expect(result?.status === 'error' && result.error.code).toBe('read-only');
    expect(calls.find((c) => c.channel === 'writes:put')?.input).toMatchObject({ stream: 'b', data: '{}', token: 'p'.repeat(43) });
    // A new dialog starts clean.
    store.getState().openWriteDialog({ kind: 'put', stream: 'c' });
    expect(store.getState().putResult).toBeNull();
  });

  it('opens the preview at a written record and selects it when its batch arrives', async () => {
    const { store, push, calls } = storeWithFakeMain({ 'preview:start': { sessionId: 'p1' } });
    store.getState().openWriteDialog({ kind: 'put', stream: 'orders' });
    await store.getState().openPreviewAt('orders', 'shardId-0', '3');
    expect(store.getState().writeDialog).toBeNull();
    expect(store.getState().page).toBe('preview');
    expect(calls.find((c) => c.channel === 'preview:start')?.input).toEqual({
      stream: 'orders',
      position: { type: 'AT_SEQUENCE_NUMBER', shardId: 'shardId-0', sequenceNumber: '3' },
      shardIds: ['shardId-0'],
    });
    push('preview:records', { sessionId: 'p1', records: [record(3, 3), record(4, 4)], dropped: 0 });
    expect(store.getState().selectedRecordId).toBe(record(3, 3).id);
  });

  it('keeps only the newest plan of a change as it is typed, and reloads the stream once a change is applied', async () => {
    const gates: ((value: unknown) => void)[] = [];
    const plan = (summary: string) => ({
      summary,
      token: `plan for ${summary}`.padEnd(43, '-'),
      settings: [],
      shardsBefore: null,
      shardsAfter: null,
      shardHoursPerDay: null,
      limits: [],
      blockers: [],
      steps: [],
      awsCli: [],
    });
    const { store, calls } = storeWithFakeMain({
      'admin:plan': (input: unknown) =>
        new Promise((resolve) =>
          gates.push(() => resolve({ ok: true, value: plan(`shards ${(input as { change: { shards: number } }).change.shards}`) })),
        ),
      'admin:apply': { applied: true, steps: ['UpdateShardCount'], awsCli: [] },
      'streams:names': { names: [], hasMore: false },
    });
    const first = store.getState().planStreamChange({ type: 'reshard', stream: 'orders', shards: 3 });
    const second = store.getState().planStreamChange({ type: 'reshard', stream: 'orders', shards: 4 });
    gates[1]!(undefined);
    await second;
    gates[0]!(undefined);
    await first;
    const planned = store.getState().changePlan;
    expect(planned?.status === 'ok' && planned.data.summary).toBe('shards 4');

    await store.getState().applyStreamChange({ type: 'reshard', stream: 'orders', shards: 4 });
    expect(store.getState().changeResult?.status).toBe('ok');
    // Applied with the token of the plan shown (shards 4), not of the older one.
    expect(calls.find((c) => c.channel === 'admin:apply')?.input).toMatchObject({ token: 'plan for shards 4'.padEnd(43, '-') });
    await expect.poll(() => calls.filter((c) => c.channel === 'streams:describe').length).toBeGreaterThan(0);
  });

  it("keeps each stream's shards for the shard picker, and the last answer while a new one is asked for", async () => {
    let shards = 2;
    const shard = (n: number) => ({
      shardId: `shardId-00000000000${n}`,
      parentShardId: null,
      adjacentParentShardId: null,
      hashKeyRange: { start: '0', end: '1' },
      sequenceNumberRange: { start: '1', end: null },
      open: true,
    });
    const { store } = storeWithFakeMain({
      'streams:shards': (input: unknown) =>
        (input as { name: string }).name === 'gone'
          ? { ok: false, error: { code: 'not-found', message: 'Stream gone not found' } }
          : { ok: true, value: { shards: Array.from({ length: shards }, (_, i) => shard(i)) } },
    });
    const pending = store.getState().loadShardList('orders');
    expect(store.getState().shardLists[shardListKey('', 'orders')]).toEqual({ status: 'loading' });
    await pending;
    expect(store.getState().shardLists[shardListKey('', 'orders')]).toMatchObject({ status: 'ok', data: [shard(0), shard(1)] });
    shards = 3;
    const again = store.getState().loadShardList('orders');
    expect(store.getState().shardLists[shardListKey('', 'orders')]).toMatchObject({ status: 'ok', data: [shard(0), shard(1)] });
    await again;
    expect(store.getState().shardLists[shardListKey('', 'orders')]).toMatchObject({ status: 'ok', data: [shard(0), shard(1), shard(2)] });
    await store.getState().loadShardList('gone');
    expect(store.getState().shardLists[shardListKey('', 'gone')]).toMatchObject({ status: 'error' });
  });

  it('drops an older answer for a stream’s shards that arrives after a newer one', async () => {
    const answers: ((count: number) => void)[] = [];
    const { store } = storeWithFakeMain({
      'streams:shards': () =>
        new Promise((resolve) =>
          answers.push((count) =>
            resolve({
              ok: true,
              value: {
                shards: Array.from({ length: count }, (_, i) => ({
                  shardId: `shardId-00000000000${i}`,
                  parentShardId: null,
                  adjacentParentShardId: null,
                  hashKeyRange: { start: '0', end: '1' },
                  sequenceNumberRange: { start: '1', end: null },
                  open: true,
                })),
              },
            }),
          ),
        ),
    });
    const older = store.getState().loadShardList('orders');
    const newer = store.getState().loadShardList('orders');
    answers[1]!(3);
    await newer;
    answers[0]!(2);
    await older;
    const list = store.getState().shardLists[shardListKey('', 'orders')];
    expect(list?.status === 'ok' && list.data.length).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import type { ConsumersReport } from '../../shared/contract';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';
import { LAG_HISTORY_POINTS } from './consumers-slice';

const report = (stream: string, lagMillis: number) =>
  ({
    stream,
    time: new Date(Date.UTC(2026, 10, 28, 8, 0, 0) + lagMillis).toISOString(),
    applications: { items: [{ table: 'orders-audit', shards: [{ shardId: 'shardId-0', lagMillis }] }] },
  }) as unknown as ConsumersReport;

/** A consumers:start whose answer waits until the test lets it go. */
function gatedStart() {
  const gates: (() => void)[] = [];
  const answer = () => new Promise((resolve) => gates.push(() => resolve({ ok: true, value: { sessionId: `c${gates.length}` } })));
  return { answer, release: (n: number) => gates[n]!() };
}

describe('the consumers slice', () => {
  it("takes the first sample before the start answers, for the newest watch's stream only", async () => {
    const start = gatedStart();
    const { store, push } = storeWithFakeMain({ 'consumers:start': start.answer, 'consumers:stop': { stopped: true } });
    const watching = store.getState().watchConsumers('orders');
    await expect.poll(() => store.getState().pendingConsumers).not.toBeNull();
    push('consumers:sample', { sessionId: 'c1', report: report('clickstream', 1) });
    expect(store.getState().consumersReport).toBeNull();
    push('consumers:sample', { sessionId: 'c1', report: report('orders', 250) });
    expect(store.getState().lagHistory).toEqual([{ time: expect.any(Number), lags: { 'orders-audit': { 'shardId-0': 250 } } }]);
    start.release(0);
    await watching;
    expect(store.getState()).toMatchObject({ consumersSession: 'c1', pendingConsumers: null });
  });

  it('stops a watch whose start answers after it was stopped, and shows nothing of it', async () => {
    const start = gatedStart();
    const { store, inputsOf } = storeWithFakeMain({ 'consumers:start': start.answer, 'consumers:stop': { stopped: true } });
    const watching = store.getState().watchConsumers('orders');
    await expect.poll(() => store.getState().pendingConsumers).not.toBeNull();
    await store.getState().stopConsumers();
    start.release(0);
    await watching;
    expect(inputsOf('consumers:stop')).toEqual([{ sessionId: 'c1' }]);
    expect(store.getState().consumersSession).toBeNull();
  });

  it('keeps an hour of lag history and no more', async () => {
    const { store, push } = storeWithFakeMain({ 'consumers:start': { sessionId: 'c1' } });
    await store.getState().watchConsumers('orders');
    for (let i = 0; i <= LAG_HISTORY_POINTS; i++) push('consumers:sample', { sessionId: 'c1', report: report('orders', i) });
    const history = store.getState().lagHistory;
    expect(history).toHaveLength(LAG_HISTORY_POINTS);
    expect(history[0]!.lags['orders-audit']!['shardId-0']).toBe(1);
  });
});

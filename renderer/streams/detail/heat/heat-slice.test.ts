import { describe, expect, it } from 'vitest';
import type { HeatReport, SessionStatus } from '../../../../shared/contract';
import { storeWithFakeMain } from '../../../../test/support/store-with-fake-main';

const input = { stream: 'orders', from: { type: 'TRIM_HORIZON' as const }, until: { type: 'caught-up' as const } } as never;
const report = (stream: string, at: string): HeatReport =>
  ({
    stream,
    firstArrival: at,
    lastArrival: at,
    shards: [],
    streamLoad: {
      peak: { recordsPerSecond: 900, bytesPerSecond: 9000 },
      average: { recordsPerSecond: 30, bytesPerSecond: 300 },
      stepSeconds: 1,
      seconds: 30,
    },
  }) as unknown as HeatReport;
const stopped = (sessionId: string, result?: HeatReport, reason: string | null = null): SessionStatus => ({
  sessionId,
  kind: 'heat',
  state: 'stopped',
  stoppedBy: reason ? 'error' : 'completed',
  reason,
  ...(result ? { result: { kind: 'heat', report: result } } : {}),
});
const throttling = { available: false, reason: 'CloudWatch is not on this endpoint', monitored: { write: false, read: false }, shards: [] };

/** Only passed through by the slice: its shape is the contract's, checked in main. */
const estimate = { shards: { needed: 1 } };

describe('the heat slice', () => {
  it('takes its own session’s progress, keeps the report from the last status, then asks CloudWatch over its window', async () => {
    const { store, push, inputsOf } = storeWithFakeMain({
      'heat:start': { sessionId: 'h1' },
      'heat:stop': { stopped: true },
      'capacity:shardThrottling': throttling,
      'capacity:estimate': estimate,
    });
    await store.getState().startHeat(input);
    expect(store.getState()).toMatchObject({ heatSession: 'h1', heatStream: 'orders', heatError: null, heatReport: null });
    push('heat:progress', { sessionId: 'other', scanned: 9, bytes: 9, recordsPerSecond: 0, shards: [] });
    push('heat:progress', { sessionId: 'h1', scanned: 5, bytes: 50, recordsPerSecond: 1, shards: [] });
    expect(store.getState().heatProgress).toMatchObject({ scanned: 5 });

    push('session:status', stopped('other', report('elsewhere', '2026-01-01T00:00:00.000Z')));
    expect(store.getState().heatReport).toBeNull();
    push('session:status', stopped('h1', report('orders', '2026-01-01T00:00:30.000Z')));
    expect(store.getState().heatReport?.stream).toBe('orders');
    await expect.poll(() => store.getState().heatThrottling?.status).toBe('ok');
    // One instant is widened to its whole minute: CloudWatch wants a window that ends after it starts.
    expect(inputsOf('capacity:shardThrottling')).toEqual([
      { name: 'orders', from: '2026-01-01T00:00:00.000Z', until: '2026-01-01T00:01:00.000Z' },
    ]);
    expect(store.getState().heatThrottling).toMatchObject({ status: 'ok', data: { available: false } });
    // The window's load is priced: its busiest second as the peak, its mean as the average.
    await expect.poll(() => store.getState().heatCapacity?.status).toBe('ok');
    expect(inputsOf('capacity:estimate')).toEqual([
      {
        name: 'orders',
        load: {
          peakRecordsPerSec: 900,
          peakBytesPerSec: 9000,
          averageRecordsPerSec: 30,
          averageBytesPerSec: 300,
          source: 'measured over 30 s of orders by heat (peak: the busiest second)',
        },
      },
    ]);
  });

  it('says why a heat did not start or stopped by itself, and clears the last report on a new start', async () => {
    let refuse = false;
    const { store, push } = storeWithFakeMain({
      'heat:start': () =>
        refuse ? { ok: false, error: { code: 'not-found', message: 'Stream orders not found' } } : { ok: true, value: { sessionId: 'h1' } },
      'heat:stop': { stopped: true },
    });
    await store.getState().startHeat(input);
    push('session:status', stopped('h1', report('orders', '2026-01-01T00:00:30.000Z'), 'Access denied'));
    expect(store.getState().heatStopReason).toBe('Access denied');
    refuse = true;
    await store.getState().startHeat(input);
    expect(store.getState()).toMatchObject({ heatError: 'Stream orders not found', heatReport: null, heatStopReason: null });
  });
});

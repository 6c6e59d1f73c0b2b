import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';
import { WINDOW_SAMPLES } from './throughput-slice';

const sample = (sessionId: string, n: number) => ({ sessionId, time: n }) as never;

describe('the throughput slice', () => {
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

  it('keeps fifteen minutes of its own samples, and none once stopped', async () => {
    const { store, push, inputsOf } = storeWithFakeMain({ 'metrics:start': { sessionId: 'm1' }, 'metrics:stop': { stopped: true } });
    store.getState().setMetricsStream(' orders ');
    await store.getState().startMetrics();
    expect(inputsOf('metrics:start')).toEqual([{ stream: 'orders' }]);
    for (let n = 0; n <= WINDOW_SAMPLES; n++) push('metrics:sample', sample('m1', n));
    push('metrics:sample', sample('someone-else', -1));
    expect(store.getState().samples).toHaveLength(WINDOW_SAMPLES);
    expect(store.getState().samples[0]).toMatchObject({ time: 1 });
    store.getState().setChartsPaused(true);
    await store.getState().stopMetrics();
    expect(inputsOf('metrics:stop')).toEqual([{ sessionId: 'm1' }]);
    // A sample already on its way when the meter stopped is not shown.
    push('metrics:sample', sample('m1', WINDOW_SAMPLES + 1));
    expect(store.getState().samples.at(-1)).toMatchObject({ time: WINDOW_SAMPLES });
    expect(store.getState().frozenSamples).toHaveLength(WINDOW_SAMPLES);
  });
});

import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

describe('the admin slice', () => {
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
    await expect.poll(() => calls.filter((c) => c.channel === 'streams:describe').map((c) => c.input)).toEqual([{ name: 'orders' }]);
  });
});

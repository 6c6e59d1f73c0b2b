import { describe, expect, it } from 'vitest';
import { shardListKey } from '../../state/streams-state';
import { storeWithFakeMain } from '../../../test/support/store-with-fake-main';

describe('the shard list slice', () => {
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

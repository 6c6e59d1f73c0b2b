import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../../test/support/store-with-fake-main';

describe('the stream detail slice', () => {
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
});

import { describe, expect, it } from 'vitest';
import type { StreamSummary } from '../../shared/contract';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

const listed = (name: string): StreamSummary => ({ name, status: 'ACTIVE', mode: null, openShards: null, retentionHours: null });

describe('the streams slice', () => {
  it("lists the streams, fills in each one's details, and marks one deleted meanwhile as gone", async () => {
    let names = ['a', 'b', 'c'];
    const { store, inputsOf } = storeWithFakeMain({
      'streams:names': () => ({ ok: true, value: { streams: names.map(listed), hasMore: false } }),
      'streams:summaries': () => ({
        ok: true,
        value: { summaries: [{ ...listed('a'), mode: 'ON_DEMAND', openShards: 4, retentionHours: 24 }], gone: ['b'] },
      }),
    });
    store.getState().setStreamFilter('c');
    await store.getState().refreshStreams();
    // What the filter matches is described first.
    expect(inputsOf('streams:summaries')).toEqual([{ names: ['c', 'a', 'b'] }]);
    const rows = () => Object.fromEntries(store.getState().streamRows!.map((row) => [row.name, row]));
    expect(rows().a).toMatchObject({ openShards: 4, detailed: true, gone: false });
    expect(rows().b).toMatchObject({ gone: true });
    expect(rows().c).toMatchObject({ detailed: false, gone: false });
    expect(store.getState()).toMatchObject({ streamsLoading: false, streamsError: null, detailProgress: null });

    names = ['a'];
    await store.getState().refreshStreams();
    expect(rows().c).toMatchObject({ gone: true });
  });

  it('keeps the list shown beside a failed refresh, and starts over for another connection', async () => {
    let fail = false;
    const { store } = storeWithFakeMain({
      'streams:names': () =>
        fail ? { ok: false, error: { code: 'network', message: 'no route' } } : { ok: true, value: { streams: [], hasMore: false } },
      'streams:summaries': { summaries: [], gone: [] },
    });
    store.getState().showStreamsOf('sandbox:Sandbox:us-east-1');
    await store.getState().refreshStreams();
    expect(store.getState().streamRows).toEqual([]);
    fail = true;
    await store.getState().refreshStreams();
    expect(store.getState()).toMatchObject({ streamRows: [], streamsError: 'no route' });
    store.getState().selectStream('orders');
    store.getState().showStreamsOf('profile:prod:eu-west-1');
    expect(store.getState()).toMatchObject({ streamRows: null, streamsError: null, selectedStream: null });
  });
});

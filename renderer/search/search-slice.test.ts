import { describe, expect, it } from 'vitest';
import { record, storeWithFakeMain } from '../../test/support/store-with-fake-main';

const input = { stream: 'orders', expression: 'true', from: { type: 'TRIM_HORIZON' as const }, limit: 10 } as never;
const progress = (sessionId: string, scanned: number) =>
  ({ sessionId, scanned, matched: 0, shardsDone: 0, shardsTotal: 1, done: false }) as never;

describe('the search slice', () => {
  it("keeps only its own session's matches, and still takes the last progress after a stop", async () => {
    const { store, push, inputsOf } = storeWithFakeMain({ 'search:start': { sessionId: 's1' }, 'search:stop': { stopped: true } });
    await store.getState().startSearch(input);
    expect(store.getState()).toMatchObject({ searchSession: 's1', searchStream: 'orders', searchError: null });
    push('search:matches', { sessionId: 's1', records: [record(1, 1)] } as never);
    push('search:matches', { sessionId: 'someone-else', records: [record(2, 2)] } as never);
    push('search:matches', { sessionId: 's1', records: [record(3, 3)] } as never);
    expect(store.getState().searchMatches.map((r) => r.text)).toEqual(['r1', 'r3']);

    await store.getState().stopSearch();
    expect(inputsOf('search:stop')).toEqual([{ sessionId: 's1' }]);
    // The search's last word, sent as it stops, says where it ended.
    push('search:progress', progress('s1', 42));
    expect(store.getState().searchProgress).toMatchObject({ scanned: 42 });
  });

  it("says why a search did not start, and clears the last search's matches", async () => {
    let refuse = false;
    const { store, push } = storeWithFakeMain({
      'search:start': () =>
        refuse ? { ok: false, error: { code: 'not-found', message: 'Stream orders not found' } } : { ok: true, value: { sessionId: 's1' } },
      'search:stop': { stopped: true },
    });
    await store.getState().startSearch(input);
    push('search:matches', { sessionId: 's1', records: [record(1, 1)] } as never);
    refuse = true;
    await store.getState().startSearch(input);
    expect(store.getState().searchError).toBe('Stream orders not found');
    expect(store.getState().searchMatches).toEqual([]);
  });
});

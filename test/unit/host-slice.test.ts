import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ShardscopeApi } from '../../shared/api';
import { createHostSlice, type HostSlice } from '../../renderer/app/host-slice';

describe('the host slice', () => {
  it('adds up what the host skipped until the notice is dismissed', () => {
    const store = createStore<HostSlice>()((...args) =>
      createHostSlice({} as ShardscopeApi)(...(args as unknown as Parameters<ReturnType<typeof createHostSlice>>)),
    );
    expect(store.getState().lagging).toBeNull();
    store.getState().receiveLagging({ skipped: 3, topics: ['preview:records'] });
    store.getState().receiveLagging({ skipped: 2, topics: ['metrics:sample', 'preview:records'] });
    expect(store.getState().lagging).toEqual({ skipped: 5, topics: ['metrics:sample', 'preview:records'] });
    store.getState().dismissLagging();
    expect(store.getState().lagging).toBeNull();
  });
});

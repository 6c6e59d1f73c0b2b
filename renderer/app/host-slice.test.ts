import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

describe('the host slice', () => {
  it('adds up what a lagging host skipped until the notice is dismissed', () => {
    const { store, push } = storeWithFakeMain();
    push('host:lagging', { skipped: 3, topics: ['preview:records'] });
    push('host:lagging', { skipped: 1, topics: ['metrics:sample'] });
    expect(store.getState().lagging).toEqual({ skipped: 4, topics: ['metrics:sample', 'preview:records'] });
    store.getState().dismissLagging();
    expect(store.getState().lagging).toBeNull();
  });
});

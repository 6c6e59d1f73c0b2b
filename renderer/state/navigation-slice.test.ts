import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

describe('the navigation slice', () => {
  it('carries a stream chosen anywhere to every page not busy with a stream of its own', () => {
    const { store } = storeWithFakeMain();
    store.getState().carryStream('orders');
    expect(store.getState()).toMatchObject({
      previewStream: 'orders',
      metricsStream: 'orders',
      permissionStream: 'orders',
      lastStream: 'orders',
    });

    // A preview and a meter are running: their pages keep their streams.
    store.setState({ previewSession: 'p1', metricsSession: 'm1' });
    store.getState().carryStream('clickstream');
    expect(store.getState()).toMatchObject({
      previewStream: 'orders',
      metricsStream: 'orders',
      permissionStream: 'clickstream',
      lastStream: 'clickstream',
    });
  });

  it('goes to the page asked for', () => {
    const { store } = storeWithFakeMain();
    expect(store.getState().page).toBe('streams');
    store.getState().goTo('runs');
    expect(store.getState().page).toBe('runs');
  });
});

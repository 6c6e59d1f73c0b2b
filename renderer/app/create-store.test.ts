import { describe, expect, it } from 'vitest';
import { eventTopics } from '../../shared/contract';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

describe('the store the window builds', () => {
  it('subscribes to every event topic once, for the window, and to nothing twice', () => {
    const { subscriptions } = storeWithFakeMain();
    expect(subscriptions.map(([topic]) => topic).sort()).toEqual([...eventTopics].sort());
    expect(subscriptions.every(([, subscribed]) => subscribed)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

describe('the connection slice', () => {
  it('follows a connection switch made anywhere, and refreshes a connection list already shown', async () => {
    const list = { profiles: [], active: null, keychain: { available: true, reason: null }, problems: [] };
    const { store, push, calls } = storeWithFakeMain({ 'connections:list': list });
    const active = {
      kind: 'sandbox' as const,
      profile: null,
      label: 'Sandbox',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      readBudget: { callsPerSecond: 5, mibPerSecond: null },
      readOnly: false,
    };
    push('connections:changed', active);
    expect(store.getState().connection).toEqual(active);
    expect(calls.filter((c) => c.channel === 'connections:list')).toHaveLength(0);
    await store.getState().loadConnectionList();
    push('connections:changed', { ...active, label: 'other' });
    await expect.poll(() => calls.filter((c) => c.channel === 'connections:list').length).toBe(2);
  });
});

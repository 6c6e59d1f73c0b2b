import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

describe('the permissions slice', () => {
  it('drops a report for a stream no longer chosen, and asks for the checks chosen', async () => {
    let answer: (stream: string) => void = () => {};
    const { store, inputsOf } = storeWithFakeMain({
      'permissions:check': (input: unknown) =>
        new Promise((resolve) => (answer = () => resolve({ ok: true, value: { stream: (input as { name: string }).name } }))),
    });
    store.getState().setPermissionStream(' orders ');
    const checking = store.getState().checkPermissions(true, true);
    expect(store.getState().permissionChecking).toBe(true);
    store.getState().setPermissionStream('clickstream');
    answer('orders');
    await checking;
    expect(inputsOf('permissions:check')).toEqual([{ name: 'orders', writeProbe: true, admin: true }]);
    expect(store.getState()).toMatchObject({ permissionReport: null, permissionChecking: false });
  });

  it('says why a check failed, and why the policy simulator could not explain', async () => {
    const { store } = storeWithFakeMain({
      'permissions:check': () => ({ ok: false, error: { code: 'not-found', message: 'Stream orders not found' } }),
      'permissions:explain': () => ({ ok: false, error: { code: 'access-denied', message: 'no iam:SimulatePrincipalPolicy' } }),
    });
    store.getState().setPermissionStream('orders');
    await store.getState().checkPermissions(false);
    expect(store.getState().permissionError).toBe('Stream orders not found');
    await store.getState().explainPermissions();
    expect(store.getState().explanation).toEqual({
      available: false,
      reason: 'no iam:SimulatePrincipalPolicy',
      principalArn: null,
      results: [],
    });
    expect(store.getState().explaining).toBe(false);
  });
});

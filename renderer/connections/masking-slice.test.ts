import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';
import { idleRules } from '../state/masking-state';
import { MaskImportError } from './masking-slice';

const email = { id: 'a1', path: 'data.customer.email', action: 'redact' as const };

describe('the masking slice', () => {
  it('loads the rules, keeps what an add answers, and says why a load failed', async () => {
    let fail = false;
    const { store, inputsOf } = storeWithFakeMain({
      'masking:list': () =>
        fail ? { ok: false, error: { code: 'io', message: 'rules file unreadable' } } : { ok: true, value: { rules: [], unmasked: false } },
      'masking:add': { rules: [email], unmasked: false },
    });
    await store.getState().loadMasking();
    expect(store.getState().masking).toEqual({ rules: [], unmasked: false });
    await store.getState().addMaskRule({ path: 'data.customer.email', action: 'redact' });
    expect(inputsOf('masking:add')).toEqual([{ rule: { path: 'data.customer.email', action: 'redact' } }]);
    expect(store.getState().masking?.rules).toEqual([email]);
    fail = true;
    await store.getState().loadMasking();
    expect(store.getState().maskingError).toBe('rules file unreadable');
    expect(store.getState().maskingLoading).toBe(false);
  });

  it('names each bad rule of an import by its place, and sends nothing then', async () => {
    const { store, inputsOf } = storeWithFakeMain({ 'masking:import': { rules: [email], unmasked: false } });
    const bad = JSON.stringify({
      rules: [{ path: 'data.a', action: 'redact' }, { path: 'customer.email', action: 'redact' }, { detector: 'card' }],
    });
    const error = await store
      .getState()
      .importMaskRules(bad, false)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaskImportError);
    const problems = (error as MaskImportError).problems;
    expect(problems.some((p) => p.startsWith('Rule 2 (rules[1].path): A path starts at data or partitionKey'))).toBe(true);
    expect(problems.some((p) => p.startsWith('Rule 3 (rules[2].action)'))).toBe(true);
    await expect(store.getState().importMaskRules('{"rules": [', false)).rejects.toThrow(/not JSON/);
    expect(inputsOf('masking:import')).toEqual([]);

    await store.getState().importMaskRules(JSON.stringify({ rules: [{ path: 'data.customer.email', action: 'redact' }] }), true);
    expect(inputsOf('masking:import')).toEqual([{ rules: [{ path: 'data.customer.email', action: 'redact' }], replace: true }]);
    expect(store.getState().masking?.rules).toEqual([email]);
  });

  it('keeps the masking report of each read and finds the rules that masked nothing', () => {
    const { store, push } = storeWithFakeMain();
    push('masking:report', {
      sessionId: 's1',
      rules: [
        { rule: 'path data.customer.email → redact', matched: 3 },
        { rule: 'path data.custmer.email → redact', matched: 0 },
      ],
    });
    expect(idleRules(store.getState().maskingReports.s1)).toEqual([{ position: 2, rule: 'path data.custmer.email → redact' }]);
    for (let n = 0; n < 20; n++) push('masking:report', { sessionId: `other${n}`, rules: [] });
    expect(Object.keys(store.getState().maskingReports)).toHaveLength(8);
  });
});

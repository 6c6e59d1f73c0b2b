import { describe, expect, it } from 'vitest';
import { writePlanKey } from '../state/writes-state';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';
import { selectConnectionKey } from '../state/connection-state';
import { registrySchemasKey } from '../state/writes-state';

describe('the writes slice', () => {
  it("keeps a copy's progress for its own session only, and a put's answer or refusal for the dialog", async () => {
    const { store, push, calls } = storeWithFakeMain({
      'copies:estimate': { token: 'e'.repeat(43) },
      'copies:start': { sessionId: 'copy-1', folder: '/data/copies/a-to-b' },
      'writes:planPut': { token: 'p'.repeat(43) },
      'writes:put': () => ({ ok: false, error: { code: 'read-only', message: '"prod" is a read-only connection' } }),
    });
    const progress = { read: 5, written: 5, retried: 0, alreadyWritten: 0, recordsPerSecond: 5, etaSeconds: null, manifest: '/m' };
    await store.getState().startCopy({ source: 'a', target: 'b', from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' } });
    // Resumed or started over without a confirmed plan: estimated again for a token, as main requires.
    expect(calls.find((c) => c.channel === 'copies:start')?.input).toMatchObject({ token: 'e'.repeat(43) });
    push('copy:progress', { ...progress, sessionId: 'someone-else', written: 99 });
    expect(store.getState().copyProgress).toBeNull();
    push('copy:progress', { ...progress, sessionId: 'copy-1' });
    expect(store.getState().copyProgress?.written).toBe(5);

    store.getState().openWriteDialog({ kind: 'put', stream: 'b' });
    const input = { stream: 'b', data: '{}', encoding: 'json' as const, partitionKey: 'k' };
    await store.getState().planPut(input);
    const plan = store.getState().writePlan;
    expect(plan?.key).toBe(writePlanKey(input));
    await store.getState().putRecord(input, plan?.state.status === 'ok' ? plan.state.data.token : '');
    const result = store.getState().putResult;
    expect(result?.status === 'error' && result.error.code).toBe('read-only');
    expect(calls.find((c) => c.channel === 'writes:put')?.input).toMatchObject({ stream: 'b', data: '{}', token: 'p'.repeat(43) });
    // A new dialog starts clean.
    store.getState().openWriteDialog({ kind: 'put', stream: 'c' });
    expect(store.getState().putResult).toBeNull();
  });

  it("lists the connection's registries for the put editor, keeps a refusal, asks again on retry, and keeps each connection's apart", async () => {
    let refuse = true;
    const { store, calls } = storeWithFakeMain({
      'schemas:listRegistry': () =>
        refuse
          ? { ok: false, error: { code: 'access-denied', message: 'needs glue:ListSchemas' } }
          : { ok: true, value: { schemas: [{ registry: 'shop', name: 'orders' }], truncated: false } },
    });
    const connection = (label: string) => ({
      kind: 'endpoint' as const,
      profile: label,
      label,
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      readBudget: { callsPerSecond: 5, mibPerSecond: null },
      readOnly: false,
      schemaRegistry: '127.0.0.1:2',
    });
    store.getState().setConnection(connection('dev'));
    const listOf = (registry: 'glue' | 'confluent') =>
      store.getState().registrySchemas[registrySchemasKey(selectConnectionKey(store.getState()), registry)];
    await store.getState().loadRegistrySchemas('glue');
    const refused = listOf('glue');
    expect(refused?.status === 'error' && refused.error.message).toBe('needs glue:ListSchemas');
    refuse = false;
    await store.getState().loadRegistrySchemas('glue');
    const listed = listOf('glue');
    expect(listed?.status === 'ok' && listed.data.schemas).toEqual([{ registry: 'shop', name: 'orders' }]);
    // The Confluent registry's subjects are kept apart: one list never stands for the other.
    expect(listOf('confluent')).toBeUndefined();
    await store.getState().loadRegistrySchemas('confluent');
    expect(listOf('confluent')?.status).toBe('ok');
    // Another connection's registries are its own: nothing listed for dev is offered there.
    store.getState().setConnection(connection('prod'));
    expect([listOf('glue'), listOf('confluent')]).toEqual([undefined, undefined]);
    expect(calls.filter((c) => c.channel === 'schemas:listRegistry').map((c) => c.input)).toEqual([
      { kind: 'glue' },
      { kind: 'glue' },
      { kind: 'confluent' },
    ]);
  });
});

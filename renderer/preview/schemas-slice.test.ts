import { describe, expect, it } from 'vitest';
import type { SchemaBinding, SchemaDefinition } from '../../shared/contract';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

const definition = (id: string): SchemaDefinition => ({
  registry: 'payments-registry',
  name: 'Payment',
  version: 2,
  id,
  format: 'AVRO',
  definition: '{"type":"record","name":"Payment","fields":[]}',
  truncated: false,
  imports: [],
});

describe('the schemas slice', () => {
  it("asks main once for a registry's version, but again for a file, which can change", async () => {
    const { store, inputsOf } = storeWithFakeMain({
      'schemas:get': (input: unknown) => ({ ok: true, value: definition((input as { ref: { id: string } }).ref.id) }),
    });
    const key = { registry: 'payments-registry', id: '7e57a0f0-0000-4000-8000-00000000a11d' };
    await store.getState().showSchema(key);
    expect(store.getState().shownSchema).toEqual({ key, state: { status: 'ok', data: definition(key.id) } });
    store.getState().closeSchema();
    await store.getState().showSchema({ ...key });
    expect(store.getState().shownSchema?.state).toMatchObject({ status: 'ok', data: { id: key.id } });
    const file = { registry: 'file', id: '/schemas/payment.avsc' };
    await store.getState().showSchema(file);
    await store.getState().showSchema(file);
    expect(inputsOf('schemas:get')).toEqual([{ ref: key }, { ref: file }, { ref: file }]);
  });

  it('drops an answer that arrives after the dialog was closed, and keeps a refusal to show', async () => {
    let answer: (value: unknown) => void = () => {};
    const { store } = storeWithFakeMain({ 'schemas:get': () => new Promise((resolve) => (answer = resolve)) });
    const showing = store.getState().showSchema({ registry: 'r', id: '12' });
    expect(store.getState().shownSchema?.state).toEqual({ status: 'loading' });
    store.getState().closeSchema();
    answer({ ok: true, value: definition('12') });
    await showing;
    expect(store.getState().shownSchema).toBeNull();

    const refused = store.getState().showSchema({ registry: 'r', id: '13' });
    answer({ ok: false, error: { code: 'access-denied', message: 'The schema registry at r refused the request (HTTP 401).' } });
    await refused;
    expect(store.getState().shownSchema?.state).toMatchObject({ status: 'error', error: { code: 'access-denied' } });
  });

  it("keeps the connection's bindings as main answers each change, and passes a refusal to the form", async () => {
    const bound: SchemaBinding = { stream: 'payments', mode: 'raw-with-file', file: { path: '/schemas/payment.avsc' } };
    const { store } = storeWithFakeMain({
      'schemas:listBindings': { bindings: [] },
      'schemas:setBinding': (input: unknown) =>
        (input as SchemaBinding).file
          ? { ok: true, value: { bindings: [input] } }
          : { ok: false, error: { code: 'invalid-input', message: 'no file', issues: [{ path: 'file', message: 'needs a file' }] } },
      'schemas:clearBinding': { bindings: [] },
    });
    await store.getState().loadSchemaBindings();
    expect(store.getState().schemaBindings).toEqual({ status: 'ok', data: [] });
    await store.getState().setSchemaBinding(bound);
    expect(store.getState().schemaBindings).toEqual({ status: 'ok', data: [bound] });
    await expect(store.getState().setSchemaBinding({ stream: 'payments', mode: 'raw-with-file' })).rejects.toMatchObject({
      issues: [{ path: 'file', message: 'needs a file' }],
    });
    expect(store.getState().schemaBindings).toEqual({ status: 'ok', data: [bound] });
    await store.getState().clearSchemaBinding('payments');
    expect(store.getState().schemaBindings).toEqual({ status: 'ok', data: [] });
  });
});

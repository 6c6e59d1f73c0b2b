import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateSchemaCommand, GlueClient, RegisterSchemaVersionCommand } from '@aws-sdk/client-glue';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import type { RegistrySchemaList, WritePlan } from '../../shared/contract';
import { startLocalGlueRegistry, type LocalGlueRegistry } from '../../main/domain/sandbox/registries/glue-registry-server';
import { startTestApp } from '../support/app';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

const REGION = 'us-east-1';
const v1 = JSON.stringify({ type: 'record', name: 'Event', fields: [{ name: 'kind', type: 'string' }] });
const v2 = JSON.stringify({
  type: 'record',
  name: 'Event',
  fields: [
    { name: 'kind', type: 'string' },
    { name: 'n', type: 'int', default: 0 },
  ],
});
// Two top-level messages, a nested one and a map: GSR numbers the sorted full names
// (app.Alpha, app.Zeta, app.Zeta.Inner, app.Zeta.TagsEntry), so app.Zeta.Inner is 2.
const proto =
  'syntax = "proto3"; package app; message Zeta { message Inner { string v = 1; } Inner inner = 1; map<string, string> tags = 2; } message Alpha { int32 a = 1; }';

describe('schema-encoded put plans, through the dispatcher', () => {
  let server: RunningKinesisServer;
  let glue: LocalGlueRegistry;
  let admin: GlueClient;
  let client: KinesisClient;
  let app: ShardscopeApp;
  let browser: ShardscopeApp;
  const put = (stream: string, data: unknown, source: Record<string, unknown>, wire = 'gsr') => ({
    stream,
    data: JSON.stringify(data),
    encoding: 'json',
    partitionKey: 'k',
    explicitHashKey: null,
    schema: { source, wire },
  });

  beforeAll(async () => {
    [server, glue] = await Promise.all([startKinesisServer('kinesalite'), startLocalGlueRegistry({ region: REGION })]);
    client = arrangeClient(server);
    admin = new GlueClient({
      region: REGION,
      endpoint: glue.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await admin.send(new CreateSchemaCommand({ SchemaName: 'events', DataFormat: 'AVRO', SchemaDefinition: v1 }));
    await admin.send(new CreateSchemaCommand({ SchemaName: 'app', DataFormat: 'PROTOBUF', SchemaDefinition: proto }));
    const connection = { kind: 'endpoint', endpoint: server.endpoint, region: server.region, glueEndpoint: glue.endpoint } as const;
    [app, browser] = await Promise.all([startTestApp({ connection }), startTestApp({ connection, host: 'browser' })]);
  });
  afterAll(async () => {
    admin?.destroy();
    client?.destroy();
    await Promise.all([app?.stop(), browser?.stop()]);
    await Promise.all([server?.stop(), glue?.close()]);
  });

  it('binds the version the plan resolved: a new latest registered before the put refuses it, and nothing is written', async () => {
    const stream = uniqueName('bound');
    await createStream(client, stream, 1);
    const input = put(stream, { kind: 'click' }, { kind: 'glue', name: 'events' });
    const planned = await app.dispatch('writes:planPut', input, nobody);
    if (!planned.ok) throw new Error(planned.error.message);
    expect((planned.value as WritePlan).schema).toMatchObject({ registry: 'default-registry', name: 'events', version: 1, format: 'AVRO' });

    await admin.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: 'events' }, SchemaDefinition: v2 }));
    const refused = await app.dispatch('writes:put', { ...input, token: (planned.value as WritePlan).token }, nobody);
    expect(refused.ok).toBe(false);
    expect(await readAllRaw(client, stream)).toHaveLength(0);

    // Planned again, it names v2 and writes with it.
    const again = await app.dispatch('writes:planPut', input, nobody);
    if (!again.ok) throw new Error(again.error.message);
    expect((again.value as WritePlan).schema?.version).toBe(2);
    expect((await app.dispatch('writes:put', { ...input, token: (again.value as WritePlan).token }, nobody)).ok).toBe(true);
    const [record] = await readAllRaw(client, stream);
    expect(record!.data.subarray(2, 18).toString('hex')).toBe((again.value as WritePlan).schema!.id.replace(/-/g, ''));
  });

  it('writes a nested Protobuf type after the GSR index MessageIndexFinder gives it; sending it on keeps its bytes', async () => {
    const stream = uniqueName('proto');
    await createStream(client, stream, 1);
    const input = put(stream, { v: 'deep' }, { kind: 'glue', name: 'app', message: 'app.Zeta.Inner' });
    const planned = await app.dispatch('writes:planPut', input, nobody);
    if (!planned.ok) throw new Error(planned.error.message);
    expect((await app.dispatch('writes:put', { ...input, token: (planned.value as WritePlan).token }, nobody)).ok).toBe(true);
    const [record] = await readAllRaw(client, stream);
    expect(record!.data[18]).toBe(2);
    const Inner = protobuf.parse(proto, { keepCase: true }).root.lookupType('app.Zeta.Inner');
    expect(Inner.toObject(Inner.decode(record!.data.subarray(19)))).toEqual({ v: 'deep' });

    // Sent on to another stream, it keeps its bytes: header, index and all.
    const target = uniqueName('sent');
    await createStream(client, target, 1);
    const send = {
      source: stream,
      target,
      records: [{ shardId: record!.shardId, sequenceNumber: record!.sequenceNumber, subSequenceNumber: null }],
      keys: { type: 'keep' },
    };
    const sendPlan = await app.dispatch('writes:planSend', send, nobody);
    if (!sendPlan.ok) throw new Error(sendPlan.error.message);
    expect((await app.dispatch('writes:send', { ...send, token: (sendPlan.value as WritePlan).token }, nobody)).ok).toBe(true);
    const [copied] = await readAllRaw(client, target);
    expect(copied!.data).toEqual(record!.data);
  });

  it('says why a value does not fit at the plan, and a plan of several Protobuf types asks which to write', async () => {
    const stream = uniqueName('misfit');
    const misfit = await app.dispatch('writes:planPut', put(stream, { kind: 3 }, { kind: 'glue', name: 'events', version: 1 }), nobody);
    expect(misfit.ok || misfit.error.message).toBe(
      'The data does not fit the schema events v1 (AVRO): $.kind: expected a string, got number 3',
    );
    const unnamed = await app.dispatch('writes:planPut', put(stream, {}, { kind: 'glue', name: 'app' }), nobody);
    expect(unnamed.ok || unnamed.error.message).toMatch(/2 message types \(app\.Zeta, app\.Alpha\): name the one to write/);
    const raw = await app.dispatch('writes:planPut', put(stream, {}, { kind: 'glue', name: 'missing' }), nobody);
    expect(raw.ok || raw.error.code).toBe('not-found');
  });

  it('lists the registry for the picker, and a window may not name a schema file or a registry URL', async () => {
    const listed = await browser.dispatch('schemas:listRegistry', { kind: 'glue' }, nobody);
    if (!listed.ok) throw new Error(listed.error.message);
    expect((listed.value as RegistrySchemaList).schemas).toEqual(
      expect.arrayContaining([
        { registry: 'default-registry', name: 'events' },
        { registry: 'default-registry', name: 'app' },
      ]),
    );
    const stream = uniqueName('window');
    const file = await browser.dispatch(
      'writes:planPut',
      put(stream, {}, { kind: 'file', file: { path: '/etc/passwd.avsc' } }, 'raw'),
      nobody,
    );
    expect(file.ok || file.error.code).toBe('unavailable');
    const url = await browser.dispatch('schemas:listRegistry', { kind: 'confluent', url: 'http://169.254.169.254/' }, nobody);
    expect(url.ok || url.error.code).toBe('unavailable');
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { CreateRegistryCommand, CreateSchemaCommand, GlueClient, RegisterSchemaVersionCommand } from '@aws-sdk/client-glue';
import avro from 'avsc';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalConfluentRegistry, type LocalConfluentRegistry } from '../../main/domain/sandbox/registries/confluent-registry-server';
import { startLocalGlueRegistry, type LocalGlueRegistry } from '../../main/domain/sandbox/registries/glue-registry-server';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

const folder = mkdtempSync(path.join(tmpdir(), 'shardscope-schema-writes-'));
const file = (name: string, text: string) => {
  const at = path.join(folder, name);
  mkdirSync(path.dirname(at), { recursive: true });
  writeFileSync(at, text);
  return at;
};
const jsonl = (values: unknown[]) => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;

const orderV1 = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};
// v2 adds a field with a default: what "latest" names once registered.
const orderV2 = { ...orderV1, fields: [...orderV1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
const orders = [
  { id: 'o-1', amount: 12.5, note: null },
  { id: 'o-2', amount: 7, note: 'gift' },
];

interface Printed {
  data: unknown;
  schema?: { registry: string; name: string; version: number | null; id: string; format: string };
}
const printed = (stdout: string): Printed[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Printed);

describe('put and produce encode JSON with a schema; the bytes read back on their own', () => {
  let server: RunningKinesisServer;
  let client: ReturnType<typeof arrangeClient>;
  let glue: LocalGlueRegistry;
  let confluent: LocalConfluentRegistry;
  let v2Id: string;
  const flags = () => ['--endpoint', server.endpoint, '--region', server.region, '--glue-endpoint', glue.endpoint, '--yes'];
  const tail = (stream: string, count: number, extra: string[] = []) =>
    runCli(['tail', stream, '--from', 'oldest', '--limit', String(count), '--json', ...extra, ...flags().slice(0, -1)]);

  beforeAll(async () => {
    [server, glue, confluent] = await Promise.all([
      startKinesisServer('kinesalite'),
      startLocalGlueRegistry({ region: 'us-east-1' }),
      startLocalConfluentRegistry(),
    ]);
    client = arrangeClient(server);
    // The stand-in filled through the real Glue client, as a producer's tooling would.
    const sdk = new GlueClient({
      region: 'us-east-1',
      endpoint: glue.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await sdk.send(new CreateRegistryCommand({ RegistryName: 'shop' }));
    await sdk.send(
      new CreateSchemaCommand({
        RegistryId: { RegistryName: 'shop' },
        SchemaName: 'orders',
        DataFormat: 'AVRO',
        SchemaDefinition: JSON.stringify(orderV1),
      }),
    );
    const v2 = await sdk.send(
      new RegisterSchemaVersionCommand({
        SchemaId: { RegistryName: 'shop', SchemaName: 'orders' },
        SchemaDefinition: JSON.stringify(orderV2),
      }),
    );
    v2Id = v2.SchemaVersionId!;
    sdk.destroy();
    confluent.register('orders-value', JSON.stringify(orderV2));
  });
  afterAll(async () => {
    client?.destroy();
    await Promise.all([server?.stop(), glue?.close(), confluent?.close()]);
  });

  it('says which schema flags do not go together, where a check inside a command used to exit 2 in silence', async () => {
    const unreachable = ['--endpoint', 'http://127.0.0.1:9', '--region', 'us-east-1'];
    const put = await runCli(['put', 'orders', '--data', '{}', '--zlib', '--yes', ...unreachable]);
    expect(put.code).toBe(2);
    expect(put.stderr).toContain('error: --schema-registry, --message, --schema-imports, --wire and --zlib go with --schema.');
    const tailed = await runCli(['tail', 'orders', '--message', 'shop.Order', ...unreachable]);
    expect(tailed.code).toBe(2);
    expect(tailed.stderr).toContain('error: --message and --schema-imports go with --schema.');
  });

  it('produce --schema-registry glue: GSR records of the latest version, decoded by tail and by avsc alone', async () => {
    const stream = uniqueName('gsr');
    await createStream(client, stream, 1);
    const input = file('orders.jsonl', jsonl(orders));
    const result = await runCli(['produce', stream, '--file', input, '--schema-registry', 'glue', '--schema', 'shop/orders', ...flags()]);
    expect(result.code, result.stderr).toBe(0);

    const raw = await readAllRaw(client, stream);
    expect(raw).toHaveLength(2);
    const reader = avro.Type.forSchema(orderV2 as avro.Schema, { wrapUnions: 'never' });
    for (const [at, record] of raw.entries()) {
      // GSR header byte by byte: version 3, no compression, the version UUID as it reads in hex.
      expect([record.data[0], record.data[1]]).toEqual([3, 0]);
      expect(record.data.subarray(2, 18).toString('hex')).toBe(v2Id.replace(/-/g, ''));
      expect({ ...reader.fromBuffer(record.data.subarray(18)) }).toEqual(orders[at]);
    }

    const read = await tail(stream, 2);
    expect(read.code, read.stderr).toBe(0);
    const records = printed(read.stdout);
    expect(records.map((r) => r.data)).toEqual(orders);
    expect(records[0]!.schema).toEqual({ registry: 'shop', name: 'orders', version: 2, id: v2Id, format: 'AVRO' });
  });

  it('produce --aggregate: each user record of the KPL aggregate is encoded, and tail decodes them all', async () => {
    const stream = uniqueName('aggregate');
    await createStream(client, stream, 1);
    const input = file('aggregate.jsonl', jsonl(orders));
    const flagsNow = ['--schema-registry', 'glue', '--schema', 'shop/orders', '--zlib', '--aggregate', '--key', 'one'];
    const result = await runCli(['produce', stream, '--file', input, ...flagsNow, ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(await readAllRaw(client, stream)).toHaveLength(1);
    const read = printed((await tail(stream, 2)).stdout);
    expect(read.map((r) => r.data)).toEqual(orders);
    expect(read.every((r) => r.schema?.id === v2Id)).toBe(true);
  });

  it('put --zlib --schema NAME:1: the body after the header is zlib of v1 Avro', async () => {
    const stream = uniqueName('zlib');
    await createStream(client, stream, 1);
    const value = { id: 'o-9', amount: 1.25 };
    const put = await runCli([
      'put',
      stream,
      '--data',
      JSON.stringify(value),
      '--schema-registry',
      'glue',
      '--schema',
      'shop/orders:1',
      '--zlib',
      ...flags(),
    ]);
    expect(put.code, put.stderr).toBe(0);
    const [record] = await readAllRaw(client, stream);
    expect([record!.data[0], record!.data[1]]).toEqual([3, 5]);
    expect(avro.Type.forSchema(orderV1 as avro.Schema).fromBuffer(inflateSync(record!.data.subarray(18)))).toMatchObject(value);
    const [shown] = printed((await tail(stream, 1)).stdout);
    expect(shown).toMatchObject({ data: value, schema: { name: 'orders', version: 1 } });
  });

  it('refuses a file with a line that does not fit, naming the line and the field, and sends nothing', async () => {
    const stream = uniqueName('refused');
    await createStream(client, stream, 1);
    const input = file('bad.jsonl', jsonl([orders[0], { id: 'o-3', amount: 'twelve' }, orders[1]]));
    const result = await runCli(['produce', stream, '--file', input, '--schema-registry', 'glue', '--schema', 'shop/orders', ...flags()]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('line 2: $.amount: expected a number (double), got string "twelve"');
    expect(result.stderr).toContain('nothing was sent');
    expect(await readAllRaw(client, stream)).toHaveLength(0);
  });

  it("put --schema-registry URL: Confluent framing with the subject's id, read back with the schema file", async () => {
    const stream = uniqueName('confluent');
    await createStream(client, stream, 1);
    const value = { id: 'o-4', amount: 3, note: 'x' };
    const put = await runCli([
      'put',
      stream,
      '--data',
      JSON.stringify(value),
      '--schema-registry',
      confluent.endpoint,
      '--schema',
      'orders-value',
      ...flags(),
    ]);
    expect(put.code, put.stderr).toBe(0);
    const [record] = await readAllRaw(client, stream);
    expect(record!.data[0]).toBe(0);
    expect(record!.data.readInt32BE(1)).toBe(1);
    expect({ ...avro.Type.forSchema(orderV2 as avro.Schema, { wrapUnions: 'never' }).fromBuffer(record!.data.subarray(5)) }).toEqual(value);
    const avsc = file('order.avsc', JSON.stringify(orderV2));
    const [shown] = printed((await tail(stream, 1, ['--schema', avsc])).stdout);
    expect(shown!.data).toEqual(value);
  });

  it('put --schema FILE.json: validated against the JSON Schema, written as its JSON text', async () => {
    const stream = uniqueName('json');
    await createStream(client, stream, 1);
    const schema = file(
      'person.schema.json',
      JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } },
        required: ['name'],
      }),
    );
    const refused = await runCli(['put', stream, '--data', '{"name":"Ann","email":"not an address"}', '--schema', schema, ...flags()]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('$.email: must match format "email"');
    const value = { name: 'Ann', email: 'ann@example.com' };
    const put = await runCli(['put', stream, '--data', JSON.stringify(value), '--schema', schema, ...flags()]);
    expect(put.code, put.stderr).toBe(0);
    const raw = await readAllRaw(client, stream);
    expect(raw.map((r) => JSON.parse(r.data.toString('utf8')) as unknown)).toEqual([value]);
  });

  it('produce --schema FILE.proto --schema-imports: raw Protobuf with an imported type', async () => {
    const stream = uniqueName('proto');
    await createStream(client, stream, 1);
    const imports = path.join(folder, 'protos');
    file('protos/common/money.proto', 'syntax = "proto3"; package common; message Money { string currency = 1; int64 units = 2; }');
    const main = file(
      'schemas/order.proto',
      'syntax = "proto3"; package shop; import "common/money.proto"; message Line { string sku = 1; } message Order { string id = 1; common.Money total = 2; repeated Line lines = 3; }',
    );
    const values = [{ id: 'p-1', total: { currency: 'EUR', units: '9007199254740993' }, lines: [{ sku: 'a' }, { sku: 'b' }] }];
    const input = file('proto.jsonl', jsonl(values));
    const schemaFlags = ['--schema', main, '--schema-imports', imports, '--message', 'shop.Order'];
    const result = await runCli(['produce', stream, '--file', input, ...schemaFlags, ...flags()]);
    expect(result.code, result.stderr).toBe(0);

    const [record] = await readAllRaw(client, stream);
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(imports, target));
    await root.load(main, { keepCase: true });
    const Order = root.lookupType('shop.Order');
    expect(Order.toObject(Order.decode(record!.data), { longs: String })).toEqual(values[0]);

    const [shown] = printed((await tail(stream, 1, schemaFlags)).stdout);
    expect(shown!.data).toEqual(values[0]);
  });
});

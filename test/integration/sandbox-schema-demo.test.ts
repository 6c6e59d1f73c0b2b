import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { GetSchemaVersionCommand, type GlueClient } from '@aws-sdk/client-glue';
import avro from 'avsc';
import protobuf from 'protobufjs';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlueClient, createKinesisClient } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../main/domain/sandbox/sandbox';
import { sandboxProfile } from '../../main/domain/sandbox/sandbox-profile';
import { readAllRaw } from '../support/sdk';

/** GSR framing as the brief reads it from AWS's DataParser, written here without the app's code. */
function unframe(record: Buffer): { versionId: string; zlib: boolean; payload: Buffer } {
  expect(record.length).toBeGreaterThanOrEqual(18);
  expect(record[0]).toBe(3);
  expect([0, 5]).toContain(record[1]);
  const hex = record.subarray(2, 18).toString('hex');
  const versionId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const body = record.subarray(18);
  return { versionId, zlib: record[1] === 5, payload: record[1] === 5 ? inflateSync(body) : body };
}

/** Every record's bytes, read with the bare SDK. */
async function readAll(client: KinesisClient, stream: string): Promise<Buffer[]> {
  return (await readAllRaw(client, stream)).map((record) => record.data);
}

let sandbox: Sandbox;
let kinesis: KinesisClient;
let glue: GlueClient;
const schemas = new Map<string, { SchemaDefinition?: string; DataFormat?: string; VersionNumber?: number; SchemaArn?: string }>();
const schemaOf = async (versionId: string) => {
  if (!schemas.has(versionId)) schemas.set(versionId, await glue.send(new GetSchemaVersionCommand({ SchemaVersionId: versionId })));
  return schemas.get(versionId)!;
};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, recordsPerSecond: 300 });
  kinesis = createKinesisClient({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: SANDBOX_CREDENTIALS });
  glue = await createGlueClient({ region: sandbox.region, endpoint: sandbox.glueEndpoint, credentials: SANDBOX_CREDENTIALS });
});
afterAll(async () => {
  kinesis?.destroy();
  glue?.destroy();
  await sandbox?.stop();
});

describe("the sandbox's schema-encoded demo streams", () => {
  it('writes payments in GSR Avro with two schema versions in use, some zlib-compressed', async () => {
    let records: Buffer[] = [];
    // Until both versions and a compressed record have been written: they arrive at random.
    const seen = async () => {
      records = await readAll(kinesis, 'payments');
      const numbers = await Promise.all(records.map(async (record) => (await schemaOf(unframe(record).versionId)).VersionNumber));
      return { versions: [...new Set(numbers)].sort(), zlib: records.some((record) => record[1] === 5) };
    };
    await expect.poll(seen, { timeout: 20_000, interval: 500 }).toEqual({ versions: [1, 2], zlib: true });
    for (const record of records) {
      const { versionId, payload } = unframe(record);
      const schema = await schemaOf(versionId);
      expect(schema).toMatchObject({ DataFormat: 'AVRO', SchemaArn: expect.stringMatching(/:schema\/shardscope-demo\/payments$/) });
      const value = avro.Type.forSchema(JSON.parse(schema.SchemaDefinition!) as avro.Schema).fromBuffer(payload) as Record<string, unknown>;
      expect(value).toMatchObject({
        paymentId: expect.stringMatching(/^pay-\d{10}$/),
        currency: expect.stringMatching(/^(EUR|USD|GBP|JPY)$/),
        createdAt: expect.any(Number),
      });
      // decimal(12,2): big-endian two's complement of the amount in cents, positive here.
      const cents = BigInt(`0x${(value.amount as Buffer).toString('hex')}`);
      expect(cents).toBeGreaterThanOrEqual(100n);
      if (schema.VersionNumber === 2) expect(value).toHaveProperty('merchant');
      else expect(value).not.toHaveProperty('merchant');
    }
  });

  it('writes telemetry in GSR Protobuf, its message index counted as AWS counts it', async () => {
    let records: Buffer[] = [];
    await expect
      .poll(async () => (records = await readAll(kinesis, 'telemetry')).length, { timeout: 20_000, interval: 500 })
      .toBeGreaterThan(3);
    const { versionId } = unframe(records[0]!);
    const schema = await schemaOf(versionId);
    expect(schema).toMatchObject({ DataFormat: 'PROTOBUF', SchemaArn: expect.stringMatching(/:schema\/shardscope-demo\/telemetry$/) });
    const parsed = protobuf.parse(schema.SchemaDefinition!, { keepCase: true });
    // MessageIndexFinder: this file's messages and nested messages, map entries too, sorted by full name.
    const names: string[] = [];
    const walk = (namespace: protobuf.NamespaceBase) => {
      for (const nested of namespace.nestedArray) {
        if (nested instanceof protobuf.Type) {
          names.push(nested.fullName.slice(1));
          for (const field of nested.fieldsArray) if (field.map) names.push(`${nested.fullName.slice(1)}.TagsEntry`);
        }
        if (nested instanceof protobuf.Namespace) walk(nested);
      }
    };
    walk(parsed.root);
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(names).toEqual([
      'shardscope.demo.DeviceInfo',
      'shardscope.demo.TelemetryReading',
      'shardscope.demo.TelemetryReading.Location',
      'shardscope.demo.TelemetryReading.Metric',
      'shardscope.demo.TelemetryReading.TagsEntry',
    ]);
    parsed.root.addJSON((protobuf.common.get('google/protobuf/timestamp.proto') as protobuf.INamespace).nested!);
    parsed.root.resolveAll();
    for (const record of records) {
      const { payload } = unframe(record);
      const reader = protobuf.Reader.create(payload);
      const index = reader.uint32();
      expect(names[index]).toBe('shardscope.demo.TelemetryReading');
      const type = parsed.root.lookupType(names[index]!);
      const message = type.toObject(type.decode(payload.subarray(reader.pos)), { longs: String, enums: String }) as Record<string, unknown>;
      expect(message).toMatchObject({
        device_id: expect.stringMatching(/^(therm|meter|pump|door)-\d{3}$/),
        observed_at: { seconds: expect.any(String) },
        location: { latitude: expect.any(Number) },
        metrics: [{ name: 'temperature' }, { name: 'battery', unit: 'percent' }],
        tags: { site: expect.any(String) },
        device: { firmware: expect.any(String) },
      });
    }
  });

  it("names the Glue and Confluent stand-ins in the sandbox's saved connection", () => {
    expect(sandboxProfile(sandbox).glueEndpoint).toBe(sandbox.glueEndpoint);
    expect(sandboxProfile(sandbox).schemaRegistry).toEqual({ url: sandbox.confluentRegistryEndpoint, auth: { kind: 'none' } });
    expect(sandbox.demoStreams.map((stream) => stream.name)).toEqual(expect.arrayContaining(['payments', 'telemetry']));
  });

  it('serves the demo schemas in its Confluent-compatible registry under STREAM-value subjects', async () => {
    const get = async (path: string) => {
      const response = await fetch(`${sandbox.confluentRegistryEndpoint}${path}`);
      expect(response.status).toBe(200);
      return response.json() as Promise<unknown>;
    };
    expect(await get('/subjects')).toEqual(expect.arrayContaining(['payments-value', 'telemetry-value']));
    expect(await get('/subjects/payments-value/versions')).toEqual([1, 2]);
    const latest = (await get('/subjects/telemetry-value/versions/latest')) as { schemaType?: string; schema: string };
    expect(latest.schemaType).toBe('PROTOBUF');
    expect(latest.schema).toContain('message TelemetryReading');
    const v2 = (await get('/subjects/payments-value/versions/2')) as { schema: string };
    expect(JSON.parse(v2.schema)).toMatchObject({ name: 'Payment' });
  });
});

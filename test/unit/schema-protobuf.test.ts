import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avro from 'avsc';
import protobuf from 'protobufjs';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { loadLocalSchema } from '../../main/domain/engine/decode/schema/local-schema-file';
import { SchemaDecoding } from '../../main/domain/engine/decode/schema/record-schemas';
import { readConfluentIndexes } from '../../main/domain/engine/decode/schema/protobuf-index';
import { confluentFrame, gsrFrame, uvarint } from '../support/gsr-frame';
import { MemorySchemaResolver } from '../support/memory-schema-resolver';

const folder = mkdtempSync(join(tmpdir(), 'shardscope-proto-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// A .proto that imports a file from a sub-folder and three of Google's well-known types.
mkdirSync(join(folder, 'common'));
writeFileSync(
  join(folder, 'common/money.proto'),
  'syntax = "proto3"; package common; message Money { string currency = 1; int64 units = 2; }',
);
const telemetry = `syntax = "proto3";
package fleet;
import "common/money.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/wrappers.proto";
enum Level { LOW = 0; HIGH = 1; }
message Reading {
  string sensor = 1;
  uint64 count = 2;
  Level level = 3;
  bytes blob = 4;
  google.protobuf.Timestamp at = 5;
  google.protobuf.Duration took = 6;
  google.protobuf.Int64Value limit = 7;
  common.Money cost = 8;
  map<string, int32> tags = 9;
  message Part { string name = 1; }
  repeated Part parts = 10;
}
message Heartbeat { string sensor = 1; }
`;
writeFileSync(join(folder, 'telemetry.proto'), telemetry);

// The encoder: protobufjs loading the same files on its own, with no code from the decoder.
const encoderRoot = new protobuf.Root();
encoderRoot.resolvePath = (_origin, target) => (target.startsWith(folder) ? target : join(folder, target));
const Reading = (await encoderRoot.load(join(folder, 'telemetry.proto'), { keepCase: true })).lookupType('fleet.Reading');
const reading = Reading.encode(
  Reading.fromObject({
    sensor: 's-1',
    count: '18446744073709551615',
    level: 'HIGH',
    blob: Buffer.from([1, 2, 3]),
    at: { seconds: 1700000000, nanos: 123000000 },
    took: { seconds: 3, nanos: 500000000 },
    limit: { value: '9007199254740993' },
    cost: { currency: 'EUR', units: 12 },
    tags: { a: 1 },
    parts: [{ name: 'p' }],
  }),
).finish();
const readingJson = {
  sensor: 's-1',
  count: '18446744073709551615',
  level: 'HIGH',
  blob: 'AQID',
  at: '2023-11-14T22:13:20.123Z',
  took: '3.500s',
  limit: '9007199254740993',
  cost: { currency: 'EUR', units: '12' },
  tags: { a: 1 },
  parts: [{ name: 'p' }],
};

describe('Protobuf decoding', () => {
  it('reads a local .proto with its imports, well-known types in their JSON forms', async () => {
    const file = await loadLocalSchema({ path: join(folder, 'telemetry.proto'), message: 'fleet.Reading' });
    const decoding = new SchemaDecoding({ mode: 'raw-with-file', file });
    expect(decoding.decode(Buffer.from(reading))).toEqual({
      ok: true,
      schema: { registry: 'file', name: 'fleet.Reading', version: null, id: join(folder, 'telemetry.proto'), format: 'PROTOBUF' },
      decoded: { value: readingJson, message: '.fleet.Reading' },
    });
  });

  it('finds the message by its GSR index (sorted full names, map entries counted) in a GSR record', async () => {
    // fleet.Heartbeat, fleet.Reading, fleet.Reading.Part, fleet.Reading.TagsEntry: Reading is 1.
    const file = await loadLocalSchema({ path: join(folder, 'telemetry.proto') });
    const decoding = new SchemaDecoding({ mode: 'auto', file });
    const record = gsrFrame('0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c', Buffer.concat([uvarint(1), reading]), true);
    expect(decoding.decode(record)).toMatchObject({ ok: true, decoded: { value: readingJson } });
  });

  it('finds the message by its Confluent index path, resolved from a registry with its references', async () => {
    const resolver = new MemorySchemaResolver().add(
      { kind: 'confluent', id: 42 },
      {
        registry: 'confluent',
        name: 'telemetry-value',
        version: 4,
        format: 'PROTOBUF',
        definition: telemetry,
        imports: { 'common/money.proto': 'syntax = "proto3"; package common; message Money { string currency = 1; int64 units = 2; }' },
      },
    );
    const decoding = new SchemaDecoding({ mode: 'confluent', resolver });
    const heartbeat = encoderRoot.lookupType('fleet.Heartbeat');
    const beat = heartbeat.encode(heartbeat.fromObject({ sensor: 'h' })).finish();
    expect(await decoding.decode(confluentFrame(42, Buffer.from(beat), [1]))).toMatchObject({
      ok: true,
      schema: { name: 'telemetry-value', version: 4, id: '42' },
      decoded: { value: { sensor: 'h' } },
    });
    const part = encoderRoot.lookupType('fleet.Reading.Part');
    const partBytes = part.encode(part.fromObject({ name: 'x' })).finish();
    expect(await decoding.decode(confluentFrame(42, Buffer.from(partBytes), [0, 0]))).toMatchObject({
      ok: true,
      decoded: { value: { name: 'x' } },
    });
  });

  it("reads a GSR record without a message index (as AWS's Kinesis example writes) as the named message", async () => {
    // Reading's first byte is its tag 0x0a, not an index below 0x08: the body is the bare message.
    const named = new SchemaDecoding({
      mode: 'gsr',
      file: await loadLocalSchema({ path: join(folder, 'telemetry.proto'), message: 'fleet.Reading' }),
    });
    const bare = gsrFrame('0e0e0e0e-0e0e-4e0e-8e0e-0e0e0e0e0e0e', Buffer.from(reading));
    expect(named.decode(bare)).toMatchObject({ ok: true, decoded: { value: readingJson } });
    const unnamed = new SchemaDecoding({ mode: 'gsr', file: await loadLocalSchema({ path: join(folder, 'telemetry.proto') }) });
    expect(unnamed.decode(bare)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no message index and the schema has several message types/),
    });
  });

  it("reads Confluent's index encodings, the [0] shortcut included", () => {
    expect(readConfluentIndexes(Buffer.from([0x00]))).toEqual({ path: [0], offset: 1 });
    expect(readConfluentIndexes(Buffer.from([0x02, 0x02]))).toEqual({ path: [1], offset: 2 });
    expect(readConfluentIndexes(Buffer.from([0x04, 0x00, 0x04]))).toEqual({ path: [0, 2], offset: 3 });
  });
});

describe('records that cannot be decoded stay raw with the reason', () => {
  const versionId = '33333333-3333-4333-8333-333333333333';
  const schema = JSON.stringify({
    type: 'record',
    name: 'Order',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'sku', type: 'string' },
    ],
  });
  const resolver = new MemorySchemaResolver().add(
    { kind: 'gsr', versionId },
    { registry: 'shop', name: 'Order', version: 2, format: 'AVRO', definition: schema },
  );
  const decoding = new SchemaDecoding({ mode: 'auto', resolver });

  it('a corrupt payload names the version, the schema and what is wrong', async () => {
    const good = avro.Type.forSchema(JSON.parse(schema) as avro.Schema).toBuffer({ id: 7, sku: 'abc' });
    const outcome = await decoding.decode(gsrFrame(versionId, good.subarray(0, good.length - 2)));
    expect(outcome).toEqual({
      ok: false,
      reason: `Glue Schema Registry version ${versionId}, Order v2 (AVRO): the Avro body does not match its schema: truncated buffer`,
    });
  });

  it('a version the registry does not have', async () => {
    const missing = '44444444-4444-4444-8444-444444444444';
    expect(await decoding.decode(gsrFrame(missing, Buffer.from([2])))).toEqual({
      ok: false,
      reason: `Glue Schema Registry version ${missing}: Schema version ${missing} is not in the registry.`,
    });
  });

  it('a refused lookup, and a GSR record with no registry to ask', async () => {
    const refused = '55555555-5555-4555-8555-555555555555';
    const strict = new SchemaDecoding({ mode: 'auto', resolver: new MemorySchemaResolver().refuse({ kind: 'gsr', versionId: refused }) });
    expect(await strict.decode(gsrFrame(refused, Buffer.from([2])))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Not allowed to call glue:GetSchemaVersion/),
    });
    expect(new SchemaDecoding({ mode: 'auto' }).decode(gsrFrame(refused, Buffer.from([2])))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no schema registry is set up/),
    });
  });

  it('a zlib GSR body that is not zlib, and unframed bytes are left alone in auto mode', () => {
    const broken = Buffer.concat([gsrFrame(versionId, Buffer.alloc(0)), Buffer.from('not zlib')]);
    broken[1] = 5;
    expect(decoding.decode(broken)).toMatchObject({ ok: false, reason: expect.stringMatching(/zlib body could not be inflated/) });
    expect(decoding.decode(Buffer.from('{"plain":"json"}'))).toBeNull();
  });
});

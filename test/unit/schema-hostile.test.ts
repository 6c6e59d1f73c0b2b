import { mkdtempSync, readFileSync as read, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../main/domain/engine/decode/decode-page';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import { loadLocalSchema } from '../../main/domain/engine/decode/schema/local-schema-file';
import { compileResolved } from '../../main/domain/engine/decode/schema/schema-codec';
import { MAX_AUTO_CONFLUENT_MISSES, SchemaDecoding } from '../../main/domain/engine/decode/schema/record-schemas';
import { gsrFrame, uvarint } from '../support/gsr-frame';
import { MemorySchemaResolver } from '../support/memory-schema-resolver';

describe('hostile records', () => {
  const fixtures = join(import.meta.dirname, '../fixtures/gsr');
  const avroCodec = compileResolved({
    registry: 'r',
    name: 'User',
    version: 1,
    id: 'u',
    format: 'AVRO',
    definition: read(join(fixtures, 'user.avsc'), 'utf8'),
  });
  const protoCodec = compileResolved({
    registry: 'r',
    name: 'Basic',
    version: 1,
    id: 'b',
    format: 'PROTOBUF',
    definition: read(join(fixtures, 'Basic.proto'), 'utf8'),
  });
  const id = '66666666-6666-4666-8666-666666666666';

  it('never throw: any bytes after a GSR header decode or are left raw with a reason', () => {
    for (const file of [avroCodec, protoCodec]) {
      const decoding = new SchemaDecoding({ mode: 'auto', file });
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (body, zlib) => {
          const outcome = decoding.decode(gsrFrame(id, Buffer.from(body), zlib));
          expect(outcome).not.toBeInstanceOf(Promise);
          expect(outcome).toSatisfy((o: { ok: boolean; reason?: string }) => o.ok || (o.reason?.length ?? 0) > 0);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('a huge declared length is refused at once, not allocated', () => {
    const huge = Buffer.concat([Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x0f]), Buffer.from('x')]); // a string of 2^31 - 1 bytes
    const started = performance.now();
    expect(avroCodec.decode.bind(null, huge, 'raw')).toThrow(/truncated|invalid/);
    const field = Buffer.concat([uvarint(1), Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x7f, 0x61])]);
    expect(() => protoCodec.decode(field, 'gsr')).toThrow(/does not match .*Customer: index out of range/);
    // A string cut short is corrupt too, not a shorter string.
    expect(() => protoCodec.decode(Buffer.from([1, 0x0a, 0x05, 0x61]), 'gsr')).toThrow(/index out of range/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('a KPL aggregate of zlib GSR records', () => {
  it('shares one inflation budget: past 16 MiB in all, the rest stay raw with the reason', async () => {
    const schema = JSON.stringify({ type: 'record', name: 'Blob', fields: [{ name: 'b', type: 'bytes' }] });
    const file = compileResolved({ registry: 'r', name: 'Blob', version: 1, id: 'x', format: 'AVRO', definition: schema });
    // Each body declares 3 MiB of bytes: 3 MiB of zeros deflate to about 3 KiB.
    const body = Buffer.concat([Buffer.from([0x80, 0x80, 0x80, 0x03]), Buffer.alloc(3 * 1024 * 1024)]);
    const user = gsrFrame('77777777-7777-4777-8777-777777777777', body, true);
    const aggregated = await aggregateUserRecords(Array.from({ length: 8 }, (_, at) => ({ partitionKey: `k${at}`, data: user })));
    const kinesisRecord = {
      Data: new Uint8Array(aggregated[0]!.data),
      PartitionKey: 'k0',
      SequenceNumber: '1',
      ApproximateArrivalTimestamp: new Date(0),
    };
    const taken: { schema: unknown; error: string | null }[] = [];
    await decodePage(
      'shardId-000000000000',
      [kinesisRecord],
      (record) => void taken.push({ schema: record.schema ?? null, error: record.error }),
      new SchemaDecoding({ mode: 'auto', file }),
    );
    expect(aggregated).toHaveLength(1);
    expect(taken.map((record) => record.schema !== null)).toEqual([true, true, true, true, true, false, false, false]);
    expect(taken[5]!.error).toMatch(/would pass the 16 MiB its Kinesis record may inflate to in all/);
  });
});

describe('a schema file chosen by mistake', () => {
  it('is refused without quoting what it holds', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'shardscope-secret-'));
    for (const name of ['keys.avsc', 'keys.json']) {
      const path = join(folder, name);
      writeFileSync(path, 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
      const refusal = await loadLocalSchema({ path }).then(
        () => 'loaded',
        (error: Error) => error.message,
      );
      expect(refusal).toMatch(/not valid JSON/);
      expect(refusal).not.toMatch(/wJalr|aws_secret/);
    }
  });
});

describe('binary records that merely start with a zero byte', () => {
  it('stop sending the registry made-up Confluent ids after a few misses in auto mode', async () => {
    const resolver = new MemorySchemaResolver();
    const decoding = new SchemaDecoding({ mode: 'auto', resolver });
    const outcomes = [];
    for (let at = 0; at < 20; at++) outcomes.push(await decoding.decode(Buffer.from([0, at, 7, 7, 7, 1, 2, 3])));
    expect(resolver.lookups).toHaveLength(MAX_AUTO_CONFLUENT_MISSES);
    expect(outcomes.slice(MAX_AUTO_CONFLUENT_MISSES)).toEqual(Array(20 - MAX_AUTO_CONFLUENT_MISSES).fill(null));
    // Bound to confluent, every record is asked about.
    const bound = new SchemaDecoding({ mode: 'confluent', resolver });
    for (let at = 0; at < 10; at++) await bound.decode(Buffer.from([0, 0, 0, 0, at, 1]));
    expect(resolver.lookups).toHaveLength(MAX_AUTO_CONFLUENT_MISSES + 10);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import { countUserRecords, deaggregate, KPL_MAGIC } from '../../main/domain/engine/kpl/deaggregate';
import { referenceAggregate, referenceDeaggregate } from '../support/kpl-reference';

const users = (count: number, size = 10) =>
  Array.from({ length: count }, (_, i) => ({ partitionKey: `key-${i % 7}-é`, data: Buffer.alloc(size, i % 256) }));

describe('KPL aggregates, written and read with protobufjs', () => {
  it('writes aggregates the schema reads back, split where 1 MiB would be passed, keys and bytes intact', async () => {
    const input = users(3_000, 1_000);
    const aggregates = await aggregateUserRecords(input);
    expect(aggregates.length).toBe(3);
    for (const aggregate of aggregates)
      expect(aggregate.data.length + Buffer.byteLength(aggregate.partitionKey)).toBeLessThanOrEqual(1024 * 1024);
    // As hex: comparing 3,000 Buffers element by element is slow in expect.
    const hex = (records: { partitionKey: string; data: Buffer }[]) => records.map((r) => `${r.partitionKey}:${r.data.toString('hex')}`);
    expect(hex(aggregates.flatMap((aggregate) => referenceDeaggregate(aggregate.data)))).toEqual(hex(input));
    expect(aggregates.map((a) => a.partitionKey)).toEqual(aggregates.map((a) => referenceDeaggregate(a.data)[0]!.partitionKey));
  }, 30_000);

  it('reads what another writer may write: hash keys, tags, and tables after the records', () => {
    const data = referenceAggregate({
      records: [
        { partition_key_index: 1, explicit_hash_key_index: 0, data: Buffer.from('one'), tags: [{ key: 't', value: 'v' }] },
        { partition_key_index: 0, data: Buffer.from('two') },
      ],
      partition_key_table: ['a', 'b'],
      explicit_hash_key_table: ['12345'],
    });
    const split = deaggregate(data, 10);
    expect(split).toEqual({
      ok: true,
      records: [
        { partitionKey: 'b', explicitHashKey: '12345', subSequenceNumber: 0, data: Buffer.from('one') },
        { partitionKey: 'a', explicitHashKey: null, subSequenceNumber: 1, data: Buffer.from('two') },
      ],
    });
    expect(countUserRecords(data)).toEqual({ ok: true, count: 2 });
  });

  it('refuses a crafted aggregate with a clear reason: a key index past the table, a wrong MD5, a cut message', () => {
    const pastTable = referenceAggregate({ partition_key_table: ['a'], records: [{ partition_key_index: 3, data: Buffer.from('x') }] });
    expect(deaggregate(pastTable, 10)).toEqual({ ok: false, reason: 'corrupt KPL aggregate: user record 0 names partition key 3 of 1' });
    const wrongSum = Buffer.from(pastTable);
    wrongSum[wrongSum.length - 1]! ^= 1;
    expect(deaggregate(wrongSum, 10)).toEqual({ ok: false, reason: 'corrupt KPL aggregate: Invalid record checksum' });
    expect(countUserRecords(wrongSum)).toEqual({ ok: false, reason: 'corrupt KPL aggregate: Invalid record checksum' });
    // A record that says it is 100 bytes long in a message that ends sooner, with a correct MD5.
    const body = Buffer.from([0x0a, 1, 0x61, 0x1a, 100, 0x08, 0]);
    const forged = Buffer.concat([KPL_MAGIC, body, createHash('md5').update(body).digest()]);
    expect(deaggregate(forged, 10)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^corrupt KPL aggregate: .*index out of range/),
    });
    expect(countUserRecords(forged)).toMatchObject({ ok: false });
  });

  it('refuses more user records than the limit before building any, naming the count', async () => {
    const [aggregate] = await aggregateUserRecords(users(11, 0));
    expect(deaggregate(aggregate!.data, 10)).toEqual({
      ok: false,
      reason: 'a KPL aggregate of 11 user records (more than 10) is shown raw',
    });
    expect(countUserRecords(aggregate!.data)).toEqual({ ok: true, count: 11 });
  });
});

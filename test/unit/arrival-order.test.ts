import { describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../../main/domain/engine/decode/record';
import { ArrivalOrder, compareArrival } from '../../main/domain/engine/reader/arrival-order';

const at = (shardId: string, ms: number, sequenceNumber = String(ms)): DecodedRecord => ({
  shardId,
  sequenceNumber,
  subSequenceNumber: null,
  partitionKey: 'k',
  arrivalTime: new Date(ms).toISOString(),
  size: 0,
  stored: Buffer.alloc(0),
  compression: null,
  encoding: 'text',
  value: '',
  bytes: Buffer.alloc(0),
  error: null,
});
const ids = (records: DecodedRecord[]) => records.map((r) => `${r.shardId}@${Date.parse(r.arrivalTime)}`);

describe('ArrivalOrder', () => {
  it('orders pages of several shards read in any order exactly as compareArrival sorts them', () => {
    // Four shards of 500 records each, with equal times across shards and within a shard, read a
    // page at a time in a shuffled page order: the order held must be the total one.
    const pages = Array.from({ length: 4 }, (_, shard) =>
      Array.from({ length: 5 }, (_, page) =>
        Array.from({ length: 100 }, (_, i) => at(`shard-${shard}`, Math.floor((page * 100 + i) / 3), String(page * 100 + i))),
      ),
    ).flat();
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const shuffled = [...pages].sort(() => random() - 0.5);
    const order = new ArrivalOrder({ maxHeld: Infinity });
    for (const page of shuffled) for (const record of page) order.add(record);
    const expected = pages.flat().sort(compareArrival);
    expect(order.drain().map((r) => `${r.shardId}/${r.sequenceNumber}`)).toEqual(expected.map((r) => `${r.shardId}/${r.sequenceNumber}`));
  });

  it('lets a record go only once every shard still read is past its time, ties by shard id', () => {
    const order = new ArrivalOrder({ maxHeld: 100 });
    order.add(at('b', 10));
    order.add(at('b', 30));
    expect(order.release(['a', 'b'])).toEqual([]);
    order.add(at('a', 10));
    order.add(at('a', 20));
    expect(ids(order.release(['a', 'b']))).toEqual(['a@10', 'b@10', 'a@20']);
    order.finish('a');
    expect(ids(order.release(['a', 'b']))).toEqual(['b@30']);
    expect(order.releasedEarly).toBe(0);
  });

  it('holds a record at most holdMs from when it was read, for a shard that says nothing', () => {
    let now = 0;
    const order = new ArrivalOrder({ maxHeld: 100, holdMs: 1_000, now: () => now });
    order.add(at('a', 5));
    now = 999;
    expect(order.release(['a', 'idle'])).toEqual([]);
    now = 1_000;
    expect(ids(order.release(['a', 'idle']))).toEqual(['a@5']);
    expect(order.releasedEarly).toBe(1);
  });

  it('keeps at most maxHeld records, letting the earliest go first', () => {
    const order = new ArrivalOrder({ maxHeld: 2 });
    for (const ms of [3, 1, 2]) order.add(at('a', ms));
    expect(ids(order.release(['a', 'never']))).toEqual(['a@1']);
    expect(order.size).toBe(2);
    expect(ids(order.drain())).toEqual(['a@2', 'a@3']);
  });
});

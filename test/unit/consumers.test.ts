import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { worstOf } from '../../main/domain/consumers/application-lag';
import type { ShortReader } from '../../main/domain/consumers/checkpoint-lag';
import { checkpointBefore } from '../../main/domain/consumers/checkpoint-target';
import { parseCheckpoint, parseLease } from '../../main/domain/engine/leases/lease-format';
import { LeaseWatch } from '../../main/domain/consumers/lease-watch';
import type { ApplicationShard } from '../../shared/contract';
import { kcl1Item, kcl2Item, kcl2MultiStreamItem, kcl3Item } from '../support/lease-tables';

describe('lease items', () => {
  it('reads every KCL format, multi-stream keys, and the sentinels', () => {
    expect(parseLease(kcl1Item({ shardId: 'shardId-000000000003', owner: 'w', counter: 5, checkpoint: 'SHARD_END' }))).toMatchObject({
      format: 'kcl-1',
      shardId: 'shardId-000000000003',
      streamName: null,
      owner: 'w',
      counter: 5,
      checkpoint: { type: 'SHARD_END' },
    });
    const v2 = parseLease(
      kcl2Item({ shardId: 'shardId-000000000004', checkpoint: '4968', subSequence: 3, parents: ['shardId-000000000001'] }),
    );
    expect(v2).toMatchObject({
      format: 'kcl-2',
      owner: null,
      checkpoint: { type: 'sequence', sequenceNumber: '4968', subSequenceNumber: 3 },
      parentShardIds: ['shardId-000000000001'],
    });
    expect(parseLease(kcl2MultiStreamItem({ shardId: 'shardId-000000000000', checkpoint: 'LATEST' }, 'orders'))).toMatchObject({
      shardId: 'shardId-000000000000',
      streamName: 'orders',
      leaseKey: '123456789012:orders:1764000000:shardId-000000000000',
    });
    expect(parseLease(kcl3Item({ shardId: 'shardId-000000000000', checkpoint: 'AT_TIMESTAMP' }))).toMatchObject({ format: 'kcl-3' });
  });

  it('skips what is not a lease: other 3.x entities, items of another shape, keys that are not shards', () => {
    expect(parseLease({ ...kcl3Item({ shardId: 'shardId-000000000000', checkpoint: 'LATEST' }), entityType: { S: 'LEADER' } })).toBeNull();
    expect(parseLease({ id: { S: 'order-1' } })).toBeNull();
    expect(parseLease({ leaseKey: { S: 'shardId-000000000000' }, leaseCounter: { S: 'one' }, checkpoint: { S: 'LATEST' } })).toBeNull();
    expect(parseLease({ leaseKey: { S: 'orders-coordinator' }, leaseCounter: { N: '1' }, checkpoint: { S: 'LATEST' } })).toBeNull();
  });

  it('keeps an unknown checkpoint visible but bounded', () => {
    expect(parseCheckpoint('x'.repeat(500), 0)).toEqual({ type: 'unknown', raw: 'x'.repeat(200) });
    expect(parseCheckpoint(null, null)).toBeNull();
  });
});

describe('the lease watch', () => {
  const lease = (counter: number, owner: string | null = 'w') =>
    parseLease(kcl2Item({ shardId: 'shardId-000000000000', owner, counter, checkpoint: 'LATEST' }))!;

  it('calls an owner stuck only after watching it not renew, and measures quiet from the last renewal', () => {
    const watch = new LeaseWatch(30_000);
    watch.observe('t', [lease(1)], 0);
    expect(watch.isStuck('t', lease(1), 29_999)).toBe(false);
    expect(watch.quietForMs('t', [lease(1)], 10_000)).toBe(10_000);
    watch.observe('t', [lease(2)], 20_000);
    expect(watch.renewedAt('t', lease(2))).toBe(20_000);
    expect(watch.isStuck('t', lease(2), 40_000)).toBe(false);
    expect(watch.isStuck('t', lease(2), 50_000)).toBe(true);
    expect(watch.quietForMs('t', [lease(2)], 25_000)).toBe(5_000);
    expect(watch.lastRenewed('t', [lease(2)])).toMatchObject({ at: 20_000 });
    // A lease nobody owns is never stuck; a table never watched has no quiet yet.
    expect(watch.isStuck('t', lease(2, null), 90_000)).toBe(false);
    expect(watch.quietForMs('other', [lease(2)], 90_000)).toBe(0);
  });

  it('does not take its own move for a renewal', () => {
    const watch = new LeaseWatch();
    watch.observe('t', [lease(7)], 0);
    watch.movedByUs('t', 'shardId-000000000000', 8);
    watch.observe('t', [lease(8)], 10_000);
    expect(watch.renewedAt('t', lease(8))).toBeNull();
    expect(watch.quietForMs('t', [lease(8)], 10_000)).toBe(10_000);
  });
});

describe('the shard that holds an application back', () => {
  const row = (shardId: string, condition: ApplicationShard['condition'], lagMillis: number | null): ApplicationShard => ({
    shardId,
    open: true,
    owner: null,
    checkpoint: null,
    leaseCounter: null,
    renewedAt: null,
    parentShardIds: [],
    checkpointArrivedAt: null,
    lagMillis,
    recordsBehind: null,
    condition,
    note: null,
  });

  it('is the worst condition first, then the longest lag', () => {
    expect(worstOf([row('a', 'far-behind', 90_000), row('b', 'stuck-owner', 1_000), row('c', 'keeping-up', 500)])).toMatchObject({
      shardId: 'b',
      condition: 'stuck-owner',
    });
    expect(worstOf([row('a', 'keeping-up', 200), row('b', 'keeping-up', 2_500)])!.text).toBe(
      'Keeping up: the most behind is b, 3 s behind.',
    );
    expect(worstOf([row('a', 'keeping-up', 0)])!.text).toBe('Keeping up: the most behind is a, caught up.');
    expect(worstOf([])).toBeNull();
  });
});

describe('the checkpoint that resumes at a time', () => {
  /** A shard as short reads see it: records at the given arrival times, read from a start. */
  function shardOf(arrivals: number[]): { read: ShortReader; reads: number } {
    const records: KinesisRecord[] = arrivals.map((at, i) => ({
      SequenceNumber: String(1000 + i),
      ApproximateArrivalTimestamp: new Date(at),
      Data: new Uint8Array([i]),
      PartitionKey: 'k',
    }));
    const state = { reads: 0 } as { read: ShortReader; reads: number };
    state.read = async (start, limit) => {
      state.reads++;
      let from = 0;
      if (start.type === 'AT_TIMESTAMP')
        from = records.findIndex((r) => r.ApproximateArrivalTimestamp!.getTime() >= start.timestamp.getTime());
      if (start.type === 'ITERATOR') from = Number(start.iterator);
      if (from < 0) from = records.length;
      const page = records.slice(from, from + limit);
      const end = from + page.length;
      return { records: page, millisBehindLatest: end >= records.length ? 0 : 1_000, nextIterator: String(end) };
    };
    return state;
  }

  it('is the last record before the time, however far back it is', async () => {
    const shard = shardOf([0, 10, 20, 5_000_000, 5_000_010]);
    expect(await checkpointBefore(shard.read, new Date(5_000_005))).toMatchObject({
      checkpoint: { type: 'sequence', sequenceNumber: '1003' },
    });
    expect((await checkpointBefore(shardOf([0, 10, 20, 5_000_000]).read, new Date(4_000_000))).checkpoint).toEqual({
      type: 'sequence',
      sequenceNumber: '1002',
      subSequenceNumber: 0,
    });
  });

  it('finds the record before a time after a long gap that follows dense data, in a few dozen reads', async () => {
    const dense = Array.from({ length: 50_000 }, (_, i) => 1_000 + i * 0.1);
    const shard = shardOf([...dense, 20_000_000]);
    const { checkpoint, resumesAt } = await checkpointBefore(shard.read, new Date(10_000_000));
    expect(checkpoint).toMatchObject({ sequenceNumber: String(1000 + 49_999) });
    expect(resumesAt).toContain(String(1000 + 50_000));
    expect(shard.reads).toBeLessThanOrEqual(60);
  });

  it('is TRIM_HORIZON when nothing older is left, and reads past a full page', async () => {
    expect((await checkpointBefore(shardOf([100, 200]).read, new Date(50))).checkpoint).toEqual({ type: 'TRIM_HORIZON' });
    const busy = shardOf(Array.from({ length: 2_500 }, (_, i) => 1_000_000 + i * 0.1));
    const { checkpoint } = await checkpointBefore(busy.read, new Date(1_000_200));
    expect(checkpoint).toMatchObject({ sequenceNumber: String(1000 + 1_999) });
  });
});

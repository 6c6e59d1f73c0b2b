import { describe, expect, it } from 'vitest';
import { Meter, type ReaderCounters } from '../../main/domain/metrics/meter';

const readers = (entries: [string, Partial<ReaderCounters>][]) =>
  new Map(entries.map(([id, c]) => [id, { calls: 0, throttled: 0, millisBehindLatest: 0, ...c }]));

describe('Meter', () => {
  it('turns counts into per-second rates, per shard and in total', () => {
    const meter = new Meter(0);
    for (let i = 0; i < 100; i++) meter.add('s0', `k${i % 4}`, 50, 1);
    for (let i = 0; i < 20; i++) meter.add('s1', 'k', 200, 1);
    const sample = meter.sample(
      'x',
      readers([
        ['s0', { calls: 10 }],
        ['s1', { calls: 10, throttled: 2 }],
      ]),
      2_000,
    );
    expect(sample).toMatchObject({ recordsPerSecond: 60, userRecordsPerSecond: 60, bytesPerSecond: 4_500 });
    expect(sample.shards.map((s) => [s.shardId, s.recordsPerSecond, s.bytesPerSecond, s.getRecordsCalls, s.throttled])).toEqual([
      ['s0', 50, 2_500, 5, 0],
      ['s1', 10, 2_000, 5, 2],
    ]);
  });

  it('counts KPL user records apart from Kinesis records', () => {
    const meter = new Meter(0);
    meter.add('s0', 'agg', 1_000, 8);
    meter.add('s0', 'plain', 100, 1);
    const [shard] = meter.sample('x', readers([['s0', {}]]), 1_000).shards;
    expect([shard!.recordsPerSecond, shard!.userRecordsPerSecond]).toEqual([2, 9]);
  });

  it('reports calls and throttles per interval, not since the start', () => {
    const meter = new Meter(0);
    meter.sample('x', readers([['s0', { calls: 5, throttled: 1 }]]), 1_000);
    const [shard] = meter.sample('x', readers([['s0', { calls: 9, throttled: 4 }]]), 2_000).shards;
    expect([shard!.getRecordsCalls, shard!.throttled]).toEqual([4, 3]);
  });

  it('flags a shard above twice the mean as hot, names its top keys, and warns near the limits', () => {
    const meter = new Meter(0);
    for (let i = 0; i < 900; i++) meter.add('hot', i % 3 === 0 ? 'user-1' : 'user-2', 10, 1);
    for (const id of ['a', 'b', 'c']) for (let i = 0; i < 30; i++) meter.add(id, 'x', 10, 1);
    const sample = meter.sample(
      'x',
      readers([
        ['hot', {}],
        ['a', {}],
        ['b', {}],
        ['c', {}],
      ]),
      1_000,
    );
    const hot = sample.shards.find((s) => s.shardId === 'hot')!;
    expect(hot.hot).toBe(true);
    expect(hot.nearLimit).toBe('near the 1,000 records/s write limit');
    expect(hot.topKeys).toEqual([
      { key: 'user-2', share: 600 / 900 },
      { key: 'user-1', share: 300 / 900 },
    ]);
    expect(sample.shards.filter((s) => s.hot).map((s) => s.shardId)).toEqual(['hot']);
  });
});

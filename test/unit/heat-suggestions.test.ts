import { describe, expect, it } from 'vitest';
import type { HeatShard } from '../../shared/contract/heat';
import { suggest } from '../../main/domain/heat/suggestions';

const HALF = (2n ** 127n).toString();
const TOP = (2n ** 128n - 1n).toString();

/** A shard of `records` user records a second at its peak, 90 % of them one key. */
function shard(id: string, range: [string, string], peakRecords: number): HeatShard {
  const total = 1_000;
  const key = (partitionKey: string, count: number) => ({
    partitionKey,
    explicitHashKey: null,
    hashKey: range[0],
    userRecords: { count, error: 0 },
    bytes: { count: count * 100, error: 0 },
    share: count / total,
  });
  return {
    shardId: id,
    open: true,
    hashKeyRange: { start: range[0], end: range[1] },
    totals: { records: total, userRecords: total, bytes: total * 100 },
    peak: { recordsPerSecond: peakRecords, bytesPerSecond: peakRecords * 100, recordsAt: null, bytesAt: null },
    secondsOverLimit: { records: 0, bytes: 0, either: 0 },
    activeSeconds: 10,
    series: [],
    histogram: { buckets: [], outside: { userRecords: 0, bytes: 0 } },
    topKeys: [key('user-1', 900), key('user-2', 100)],
    split: null,
  };
}

describe('heat suggestions', () => {
  it('leaves a dominant key of a cold shard alone, and merges the cold pair', () => {
    const cold = suggest('s', [shard('a', ['0', String(2n ** 127n - 1n)], 9), shard('b', [HALF, TOP], 5)]);
    expect(cold.hotKeys).toEqual([]);
    expect(cold.splits).toEqual([]);
    expect(cold.merges.map((m) => m.id)).toEqual(['merge:a+b']);
  });

  it('names a dominant key of a hot shard, which no split can halve, with its salting', () => {
    const hot = suggest('s', [shard('a', ['0', String(2n ** 127n - 1n)], 900), shard('b', [HALF, TOP], 5)]);
    expect(hot.hotKeys).toHaveLength(1);
    expect(hot.hotKeys[0]).toMatchObject({ shardId: 'a', reason: 'over-half', key: { partitionKey: 'user-1' } });
    expect(hot.hotKeys[0]!.salts).toBeGreaterThanOrEqual(2);
    expect(hot.merges).toEqual([]);
  });
});

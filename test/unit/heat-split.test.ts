import { describe, expect, it } from 'vitest';
import { SHARD_WRITE_LIMITS } from '../../shared/contract/heat';
import { HeatCollector } from '../../main/domain/heat/heat-collector';
import { heatReport, MAX_SECOND_POINTS } from '../../main/domain/heat/heat-report';
import { bucketOf, halvingCut, type PointLoad } from '../../main/domain/heat/split-point';
import type { DecodedRecord } from '../../main/domain/engine/decode/record';

const FULL = { start: 0n, end: 2n ** 128n - 1n };
const B = 64;

/** A histogram of point loads, as the collector fills one. */
function histogramOf(range: typeof FULL, points: PointLoad[]): number[] {
  const buckets = new Array<number>(B).fill(0);
  for (const p of points) buckets[bucketOf(range, p.hashKey, B)]! += p.weight;
  return buckets;
}

/** What truly lies on each side of a cut. */
const sides = (points: PointLoad[], cut: bigint) => [
  points.filter((p) => p.hashKey < cut).reduce((s, p) => s + p.weight, 0),
  points.filter((p) => p.hashKey >= cut).reduce((s, p) => s + p.weight, 0),
];

describe('the cut that halves a shard', () => {
  it('halves an even load at the middle of the range', () => {
    const buckets = new Array<number>(B).fill(10);
    const cut = halvingCut(FULL, buckets, [])!;
    expect(cut.lower).toBeCloseTo(320);
    expect(Number(cut.hashKey - 2n ** 127n)).toBeLessThan(Number(2n ** 100n));
  });

  it('follows the load, not the midpoint: all of it in the upper quarter cuts there', () => {
    const range = { start: 1000n, end: 1000n + 2n ** 100n - 1n };
    const buckets = new Array<number>(B).fill(0);
    for (let i = 48; i < 64; i++) buckets[i] = 5;
    const cut = halvingCut(range, buckets, [])!;
    const expected = range.start + ((range.end - range.start + 1n) * 7n) / 8n;
    expect(Number(cut.hashKey - expected) / Number(range.end - range.start)).toBeLessThan(1e-6);
    expect([cut.lower, cut.upper]).toEqual([40, 40]);
  });

  it('puts a heavy key whole on the side that leaves the halves nearest', () => {
    // Three keys in one bucket, 30 | 45 | 25: a cut before the 45 leaves 30/70 (20 off half), after it 75/25 (25 off): before it is nearer.
    const points = [
      { hashKey: 100n, weight: 30 },
      { hashKey: 200n, weight: 45 },
      { hashKey: 300n, weight: 25 },
    ];
    const cut = halvingCut(FULL, histogramOf(FULL, points), points)!;
    expect(cut.hashKey).toBe(200n);
    expect(sides(points, cut.hashKey)).toEqual([30, 70]);
    expect([cut.lower, cut.upper]).toEqual([30, 70]);
  });

  it('lands within 5 % of half on many small keys spread over the range', () => {
    const points = Array.from({ length: 400 }, (_, i) => ({
      hashKey: (2n ** 128n * BigInt((i * 7919) % 400)) / 400n + 12345n,
      weight: 1 + (i % 13),
    }));
    // The sketch holds only the 50 heaviest; the rest are seen through the histogram alone.
    const heavy = [...points].sort((a, b) => b.weight - a.weight).slice(0, 50);
    const cut = halvingCut(FULL, histogramOf(FULL, points), heavy)!;
    const [lower, upper] = sides(points, cut.hashKey);
    const half = (lower! + upper!) / 2;
    expect(Math.abs(lower! - half) / half).toBeLessThan(0.05);
  });

  it('gives no cut for an empty shard or one a single key wide', () => {
    expect(halvingCut(FULL, new Array<number>(B).fill(0), [])).toBeNull();
    expect(halvingCut({ start: 5n, end: 5n }, [1], [])).toBeNull();
  });
});

describe('seconds over the limits', () => {
  const record = (second: number, size: number, sub: number | null = null): DecodedRecord =>
    ({
      shardId: 'shardId-000000000000',
      sequenceNumber: '1',
      subSequenceNumber: sub,
      partitionKey: 'k',
      arrivalTime: new Date(second * 1000 + 500).toISOString(),
      size,
    }) as DecodedRecord;

  it('counts each second over either limit, per second even by the minute, and an aggregate once against the records limit', () => {
    const collector = new HeatCollector(60);
    const at = 1_800_000_000;
    // Second 0: 1,001 records (over the records limit). Second 1: 2 records of 600 KiB (over the bytes limit).
    for (let i = 0; i < 1_001; i++) collector.take(record(at, 10));
    for (let i = 0; i < 2; i++) collector.take(record(at + 1, 600 * 1024));
    // Second 2: 3,000 user records in 2 aggregates: 2 Kinesis records, under both limits.
    for (let i = 0; i < 3_000; i++) collector.take(record(at + 2, 10, i % 1_500));
    // Second 3: exactly at the limits, not over them.
    for (let i = 0; i < SHARD_WRITE_LIMITS.recordsPerSecond; i++) collector.take(record(at + 3, 1));
    collector.finish();
    const heat = collector.shards.get('shardId-000000000000')!;
    expect(heat.over).toEqual({ records: 1, bytes: 1, either: 2 });
    expect(heat.activeSeconds).toBe(4);
    expect(heat.peak.records).toBe(1_001);
    expect(heat.series.size).toBe(1);
    expect([...heat.series.values()][0]!.records).toBe(1_001 + 2 + 2 + 1_000);
  });
});

describe('the series of a long window', () => {
  it('is given by the minute when by the second it would pass two hours, with every second still counted', () => {
    const collector = new HeatCollector(1);
    collector.knowShards([
      {
        shardId: 'shardId-000000000000',
        parentShardId: null,
        adjacentParentShardId: null,
        hashKeyRange: { start: '0', end: (2n ** 128n - 1n).toString() },
        sequenceNumberRange: { start: '0', end: null },
        open: true,
      },
    ]);
    const at = 1_800_000_000;
    for (let second = 0; second <= MAX_SECOND_POINTS; second++)
      collector.take({
        shardId: 'shardId-000000000000',
        sequenceNumber: '1',
        subSequenceNumber: null,
        partitionKey: 'k',
        arrivalTime: new Date((at + second) * 1000).toISOString(),
        size: 1,
      } as DecodedRecord);
    const report = heatReport(collector, {
      stream: 's',
      from: { type: 'TRIM_HORIZON' },
      until: { type: 'caught-up' },
      by: 'second',
      top: 1,
    });
    expect(report).toMatchObject({ by: 'minute', coarsened: true });
    expect(report.shards[0]!.activeSeconds).toBe(MAX_SECOND_POINTS + 1);
    expect(report.shards[0]!.series.reduce((sum, p) => sum + p.records, 0)).toBe(MAX_SECOND_POINTS + 1);
    expect(report.shards[0]!.series.length).toBeLessThanOrEqual(MAX_SECOND_POINTS / 60 + 2);
  });
});

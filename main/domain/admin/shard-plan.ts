import type { Shard } from '../../../shared/contract';
import { hashKeyOf } from '../engine/kinesis/shard-for';

export const MAX_HASH_KEY = 2n ** 128n - 1n;

/** An open shard's slice of the hash-key space, inclusive at both ends. */
export interface KeyRange {
  start: bigint;
  end: bigint;
}

/** One step a reshard takes where the endpoint has no UpdateShardCount. */
export type ReshardStep = { type: 'split'; shardId: string; at: bigint } | { type: 'merge'; shardId: string; adjacentShardId: string };

export const openRanges = (shards: readonly Shard[]): (KeyRange & { shardId: string })[] =>
  shards
    .filter((shard) => shard.open)
    .map((shard) => ({ shardId: shard.shardId, start: BigInt(shard.hashKeyRange.start), end: BigInt(shard.hashKeyRange.end) }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

/** N equal ranges over the whole key space, as UNIFORM_SCALING makes them (the last takes the remainder). */
export function uniformRanges(count: number): KeyRange[] {
  const width = (MAX_HASH_KEY + 1n) / BigInt(count);
  return Array.from({ length: count }, (_, i) => ({
    start: width * BigInt(i),
    end: i === count - 1 ? MAX_HASH_KEY : width * BigInt(i + 1) - 1n,
  }));
}

/** What is wrong with a shard map: a gap or an overlap in the key space, or a range not starting at 0 or ending at 2^128 − 1. */
export function coverageProblems(ranges: readonly KeyRange[]): string[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : 1));
  const problems: string[] = [];
  if (sorted[0]?.start !== 0n) problems.push('the key space does not start at 0');
  sorted.forEach((range, i) => {
    const next = sorted[i + 1];
    if (next && next.start !== range.end + 1n)
      problems.push(next.start <= range.end ? `overlap at ${next.start}` : `gap from ${range.end + 1n} to ${next.start - 1n}`);
  });
  if (sorted.at(-1)?.end !== MAX_HASH_KEY) problems.push('the key space does not end at 2^128 − 1');
  return problems;
}

/** Where a split of a shard would cut: its middle, a hash key, or the hash of a partition key; checked to fall inside it. */
export function splitPoint(
  range: KeyRange,
  at: { type: 'middle' } | { type: 'hash'; hashKey: string } | { type: 'key'; partitionKey: string },
): bigint {
  const point =
    at.type === 'middle'
      ? range.start + (range.end - range.start + 1n) / 2n
      : at.type === 'hash'
        ? BigInt(at.hashKey)
        : hashKeyOf(at.partitionKey);
  if (point <= range.start || point > range.end)
    throw new RangeError(`The split point ${point} is not inside the shard's range (${range.start + 1n} to ${range.end}).`);
  return point;
}

/** The open ranges after a split at `at`. */
export function afterSplit(ranges: readonly (KeyRange & { shardId: string })[], shardId: string, at: bigint): KeyRange[] {
  return ranges.flatMap((r) =>
    r.shardId === shardId
      ? [
          { start: r.start, end: at - 1n },
          { start: at, end: r.end },
        ]
      : [{ start: r.start, end: r.end }],
  );
}

/** The open ranges after merging two adjacent shards; throws when they are not adjacent. */
export function afterMerge(ranges: readonly (KeyRange & { shardId: string })[], shardId: string, adjacentShardId: string): KeyRange[] {
  const a = ranges.find((r) => r.shardId === shardId);
  const b = ranges.find((r) => r.shardId === adjacentShardId);
  if (!a || !b) throw new RangeError(`${!a ? shardId : adjacentShardId} is not an open shard of the stream.`);
  const [low, high] = a.start < b.start ? [a, b] : [b, a];
  if (low.end + 1n !== high.start)
    throw new RangeError(`${shardId} and ${adjacentShardId} are not adjacent: their hash-key ranges do not touch.`);
  return ranges
    .filter((r) => r !== a && r !== b)
    .map(({ start, end }) => ({ start, end }))
    .concat([{ start: low.start, end: high.end }])
    .sort((x, y) => (x.start < y.start ? -1 : 1));
}

/**
 * The splits and merges that turn the open shards into N uniform ones, for endpoints without
 * UpdateShardCount: first split wherever a target boundary falls inside a shard, then merge the
 * neighbours whose shared boundary is not a target boundary. Each step is given for the shards as
 * they will be after the steps before it; shard IDs of new children are learnt as the steps run,
 * so the plan is recomputed after each step (see reshardBySteps).
 */
export function nextReshardStep(open: readonly (KeyRange & { shardId: string })[], count: number): ReshardStep | null {
  const boundaries = new Set(uniformRanges(count).map((r) => r.start));
  for (const range of open) {
    const inside = [...boundaries].find((b) => b > range.start && b <= range.end);
    if (inside !== undefined) return { type: 'split', shardId: range.shardId, at: inside };
  }
  for (let i = 0; i + 1 < open.length; i++) {
    if (!boundaries.has(open[i + 1]!.start)) return { type: 'merge', shardId: open[i]!.shardId, adjacentShardId: open[i + 1]!.shardId };
  }
  return null;
}

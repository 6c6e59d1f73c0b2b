import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterMerge,
  afterSplit,
  coverageProblems,
  MAX_HASH_KEY,
  nextReshardStep,
  splitPoint,
  uniformRanges,
  type KeyRange,
} from '../../main/domain/admin/shard-plan';

type Open = (KeyRange & { shardId: string })[];

/** Runs the steps a reshard by splits and merges would take, on ranges alone, as the server would apply them. */
function reshard(from: Open, count: number): { open: Open; steps: number } {
  let open = from;
  let next = from.length;
  let steps = 0;
  for (let step = nextReshardStep(open, count); step; step = nextReshardStep(open, count)) {
    const ids = () => `shardId-${String(next++).padStart(12, '0')}`;
    const after = step.type === 'split' ? afterSplit(open, step.shardId, step.at) : afterMerge(open, step.shardId, step.adjacentShardId);
    const kept = new Set(
      open
        .filter((r) => r.shardId !== step.shardId && r.shardId !== (step.type === 'merge' ? step.adjacentShardId : ''))
        .map((r) => r.start),
    );
    open = after.map((r) => ({ ...r, shardId: kept.has(r.start) ? open.find((o) => o.start === r.start)!.shardId : ids() }));
    if (++steps > 4 * (from.length + count)) throw new Error('the reshard does not converge');
  }
  return { open, steps };
}

const named = (ranges: KeyRange[]): Open => ranges.map((r, i) => ({ ...r, shardId: `shardId-${String(i).padStart(12, '0')}` }));

describe('the shard plan', () => {
  it('divides the key space into N uniform ranges with no gap or overlap', () => {
    for (const n of [1, 2, 3, 5, 7, 64]) {
      const ranges = uniformRanges(n);
      expect(coverageProblems(ranges)).toEqual([]);
      expect(ranges.at(-1)!.end).toBe(MAX_HASH_KEY);
    }
  });

  it('names gaps and overlaps', () => {
    expect(
      coverageProblems([
        { start: 0n, end: 10n },
        { start: 12n, end: MAX_HASH_KEY },
      ]),
    ).toEqual(['gap from 11 to 11']);
    expect(
      coverageProblems([
        { start: 0n, end: 10n },
        { start: 10n, end: MAX_HASH_KEY },
      ]),
    ).toEqual(['overlap at 10']);
  });

  it('reshards any uniform map into any other by splits and merges, ending exactly uniform', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), (from, to) => {
        const { open } = reshard(named(uniformRanges(from)), to);
        expect(open.map(({ start, end }) => ({ start, end }))).toEqual(uniformRanges(to));
      }),
      { numRuns: 200 },
    );
  });

  it('splits only inside a shard, and merges only neighbours', () => {
    const [low, high] = named(uniformRanges(2));
    expect(splitPoint(low!, { type: 'middle' })).toBe(2n ** 126n);
    expect(() => splitPoint(low!, { type: 'hash', hashKey: (2n ** 127n).toString() })).toThrow(/not inside/);
    expect(() => splitPoint(low!, { type: 'hash', hashKey: '0' })).toThrow(/not inside/);
    const three = named(uniformRanges(3));
    expect(() => afterMerge(three, three[0]!.shardId, three[2]!.shardId)).toThrow(/not adjacent/);
    expect(coverageProblems(afterMerge([low!, high!], low!.shardId, high!.shardId))).toEqual([]);
  });
});

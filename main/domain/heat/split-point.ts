/** Load at one hash key: a heavy key, whose weight a cut cannot divide. */
export interface PointLoad {
  hashKey: bigint;
  weight: number;
}

export interface HashRange {
  start: bigint;
  end: bigint;
}

export interface Cut {
  /** The first hash key of the upper child. */
  hashKey: bigint;
  lower: number;
  upper: number;
}

/** The hash range of bucket `index` of `count` equal slices of a range. */
export function bucketRange(range: HashRange, index: number, count: number): HashRange {
  const width = range.end - range.start + 1n;
  const [n, i] = [BigInt(count), BigInt(index)];
  return { start: range.start + (width * i) / n, end: range.start + (width * (i + 1n)) / n - 1n };
}

/** Which of `count` equal slices of a range holds a hash key. */
export function bucketOf(range: HashRange, hashKey: bigint, count: number): number {
  return Number(((hashKey - range.start) * BigInt(count)) / (range.end - range.start + 1n));
}

const SCALE = 1_000_000_000;

/** A key a fraction of the way from `from` to `to`. */
function between(from: bigint, to: bigint, fraction: number): bigint {
  return from + ((to - from) * BigInt(Math.round(fraction * SCALE))) / BigInt(SCALE);
}

/**
 * The hash key that halves a shard's load. The histogram gives the load by slice of the range;
 * heavy keys are known exactly, so their weight is taken out of their slice and placed at their
 * hash, and the rest of each slice is taken as spread evenly across it. A cut inside a spread
 * part is interpolated; a cut that meets a heavy key goes on whichever side of it leaves the
 * halves nearer. Null when nothing lies in the range or the range is one key wide.
 */
export function halvingCut(range: HashRange, buckets: readonly number[], heavy: readonly PointLoad[]): Cut | null {
  const total = buckets.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0 || range.end <= range.start) return null;
  const count = buckets.length;
  const points: PointLoad[][] = buckets.map(() => []);
  const spread = [...buckets];
  for (const point of [...heavy].sort((a, b) => (a.hashKey < b.hashKey ? -1 : a.hashKey > b.hashKey ? 1 : 0))) {
    if (point.hashKey < range.start || point.hashKey > range.end || point.weight <= 0) continue;
    const index = bucketOf(range, point.hashKey, count);
    // A sketch's count may overstate a key by its error: never take more than the slice holds.
    const weight = Math.min(point.weight, spread[index]!);
    spread[index]! -= weight;
    points[index]!.push({ hashKey: point.hashKey, weight });
  }
  const half = total / 2;
  let below = 0;
  for (let index = 0; index < count; index++) {
    const slice = bucketRange(range, index, count);
    const width = Number(slice.end - slice.start + 1n);
    let from = slice.start;
    for (const point of [...points[index]!, { hashKey: slice.end + 1n, weight: 0 }]) {
      const even = (spread[index]! * Number(point.hashKey - from)) / width;
      if (below + even >= half && even > 0) {
        const cut = between(from, point.hashKey, (half - below) / even);
        return finish(range, cut, below + (even * Number(cut - from)) / Number(point.hashKey - from), total);
      }
      below += even;
      if (below + point.weight >= half && point.weight > 0) {
        const before = Math.abs(half - below);
        const after = Math.abs(below + point.weight - half);
        return before <= after
          ? finish(range, point.hashKey, below, total)
          : finish(range, point.hashKey + 1n, below + point.weight, total);
      }
      below += point.weight;
      from = point.hashKey;
    }
  }
  return finish(range, range.end, total, total);
}

/** A cut kept inside the range so that both children hold one key at least. */
function finish(range: HashRange, hashKey: bigint, lower: number, total: number): Cut {
  const clamped = hashKey <= range.start ? range.start + 1n : hashKey > range.end ? range.end : hashKey;
  return { hashKey: clamped, lower, upper: total - lower };
}

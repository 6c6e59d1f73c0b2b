import { describe, expect, it } from 'vitest';
import { SpaceSaving } from '../../main/domain/heat/space-saving';

/** A seeded generator, so that a failure can be run again. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('Space-Saving sketch', () => {
  it('is exact while it holds every key', () => {
    const sketch = new SpaceSaving<null>(8);
    for (const [key, weight] of [
      ['a', 5],
      ['b', 3],
      ['a', 2],
      ['c', 1],
    ] as const)
      sketch.add(key, weight, () => null);
    expect(sketch.exact).toBe(true);
    expect(sketch.top(3).map((e) => [e.key, e.count, e.error])).toEqual([
      ['a', 7, 0],
      ['b', 3, 0],
      ['c', 1, 0],
    ]);
    expect(sketch.floor).toBe(0);
  });

  it('keeps each true weight within [count - error, count] and every key above total/capacity, over a Zipf stream of many keys', () => {
    const capacity = 64;
    const sketch = new SpaceSaving<null>(capacity);
    const truth = new Map<string, number>();
    const random = seeded(29);
    const keys = 5_000;
    // Zipf weights by inverse transform over the cumulative sums: key k has weight ∝ 1/k.
    const cumulative: number[] = [];
    let sum = 0;
    for (let k = 1; k <= keys; k++) cumulative.push((sum += 1 / k));
    for (let i = 0; i < 50_000; i++) {
      const target = random() * sum;
      let [lo, hi] = [0, keys - 1];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      const key = `k${lo}`;
      const weight = 1 + Math.floor(random() * 100);
      truth.set(key, (truth.get(key) ?? 0) + weight);
      sketch.add(key, weight, () => null);
    }
    expect(sketch.exact).toBe(false);
    const total = [...truth.values()].reduce((a, b) => a + b, 0);
    expect(sketch.weight).toBe(total);
    for (const entry of sketch.top(capacity)) {
      const real = truth.get(entry.key)!;
      expect(real).toBeLessThanOrEqual(entry.count);
      expect(real).toBeGreaterThanOrEqual(entry.count - entry.error);
    }
    for (const [key, weight] of truth) {
      if (weight > total / capacity) expect(sketch.get(key), key).toBeDefined();
      if (!sketch.get(key)) expect(weight).toBeLessThanOrEqual(sketch.floor);
    }
    // The heaviest keys come out in their true order.
    const trueTop = [...truth.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k]) => k);
    expect(sketch.top(3).map((e) => e.key)).toEqual(trueTop);
  });

  it('holds no more than its capacity whatever the number of keys', () => {
    const sketch = new SpaceSaving<number>(16);
    for (let i = 0; i < 10_000; i++) sketch.add(`key-${i}`, 1, () => i);
    expect(sketch.top(1_000)).toHaveLength(16);
    expect(() => new SpaceSaving(0)).toThrow(/one key at least/);
  });
});

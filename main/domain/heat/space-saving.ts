/** One key the sketch monitors: its counted weight, and how much of that may belong to keys it replaced. */
export interface Monitored<V> {
  key: string;
  /** Counted since the key was monitored, plus what it inherited: never below the key's true weight. */
  count: number;
  /** Inherited when the key took over an evicted slot: the true weight is within [count - error, count]. */
  error: number;
  /** What the caller keeps beside the key (its hash, its other counts). */
  value: V;
}

/** An entry where it sits in the heap: kept on the entry, so a swap touches no map. */
interface Slotted<V> extends Monitored<V> {
  slot: number;
}

/**
 * Weighted Space-Saving (Metwally, Agrawal, El Abbadi 2005): at most `capacity` keys are held,
 * so memory is flat whatever the number of distinct keys. A key not held takes the slot of the
 * lightest one and inherits its weight as its error, so every held count overestimates by at
 * most its error, and any key not held weighs at most `floor` (the lightest count). Any key
 * heavier than total/capacity is always held. The lightest is found through a binary min-heap.
 */
export class SpaceSaving<V> {
  private readonly heap: Slotted<V>[] = [];
  private readonly entries = new Map<string, Slotted<V>>();
  private total = 0;
  private evicted = false;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('A sketch holds one key at least.');
  }

  /** Weight seen over every key, held or not. */
  get weight(): number {
    return this.total;
  }

  /** True while no key was ever evicted: every count is then exact. */
  get exact(): boolean {
    return !this.evicted;
  }

  /** The most a key not held can weigh. */
  get floor(): number {
    return this.heap.length < this.capacity ? 0 : (this.heap[0]?.count ?? 0);
  }

  get(key: string): Monitored<V> | undefined {
    return this.entries.get(key);
  }

  /**
   * Adds weight to a key; `fresh` gives the value of a key that was not held (called only then).
   * Returns the key's entry.
   */
  add(key: string, weight: number, fresh: () => V): Monitored<V> {
    this.total += weight;
    const held = this.entries.get(key);
    if (held) {
      held.count += weight;
      this.siftDown(held.slot);
      return held;
    }
    if (this.heap.length < this.capacity) {
      const entry = { key, count: weight, error: 0, value: fresh(), slot: this.heap.length };
      this.heap.push(entry);
      this.entries.set(key, entry);
      this.siftUp(entry.slot);
      return entry;
    }
    // The lightest entry is taken over in place: with many keys this happens on most records, and a new object each time keeps the collector busy.
    const lightest = this.heap[0]!;
    this.evicted = true;
    this.entries.delete(lightest.key);
    lightest.key = key;
    lightest.error = lightest.count;
    lightest.count += weight;
    lightest.value = fresh();
    this.entries.set(key, lightest);
    this.siftDown(0);
    return lightest;
  }

  /** The heaviest `n` held keys, heaviest first (ties by key, so the order is the same every run). */
  top(n: number): Monitored<V>[] {
    return this.heap
      .map(({ key, count, error, value }) => ({ key, count, error, value }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
      .slice(0, n);
  }

  private siftUp(index: number): void {
    const { heap } = this;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.count <= heap[i]!.count) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const { heap } = this;
    let i = index;
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let least = i;
      if (left < heap.length && heap[left]!.count < heap[least]!.count) least = left;
      if (right < heap.length && heap[right]!.count < heap[least]!.count) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(a: number, b: number): void {
    const { heap } = this;
    const x = heap[a]!;
    const y = heap[b]!;
    heap[a] = y;
    heap[b] = x;
    y.slot = a;
    x.slot = b;
  }
}

import type { DecodedRecord } from '../decode/record';

/**
 * The order of records across shards: ApproximateArrivalTimestamp, then shard id, then sequence
 * number, then sub-sequence number. Kinesis stamps arrival in milliseconds, so the tie-breaks
 * make the order total and the same on every read.
 */
export function compareArrival(a: DecodedRecord, b: DecodedRecord): number {
  return compareTimed(Date.parse(a.arrivalTime), a, Date.parse(b.arrivalTime), b);
}

/** compareArrival with the arrival times already parsed: ordering thousands of held records parses none again. */
function compareTimed(aTime: number, a: DecodedRecord, bTime: number, b: DecodedRecord): number {
  if (aTime !== bTime) return aTime - bTime;
  if (a.shardId !== b.shardId) return a.shardId < b.shardId ? -1 : 1;
  if (a.sequenceNumber !== b.sequenceNumber) {
    const [x, y] = [BigInt(a.sequenceNumber || 0), BigInt(b.sequenceNumber || 0)];
    return x < y ? -1 : 1;
  }
  return (a.subSequenceNumber ?? -1) - (b.subSequenceNumber ?? -1);
}

export interface ArrivalOrderOptions {
  /**
   * Longest a record is held, from when it was read, waiting for the other shards to be read past
   * its time: a live read, where an idle shard would otherwise hold everything. Without one a
   * record waits until every shard is past it (a bounded read, whose shards all end).
   */
  holdMs?: number;
  /** Most records held at once; past it the earliest are let go, out of order if need be, so memory stays bounded. */
  maxHeld: number;
  now?: () => number;
}

interface Held {
  record: DecodedRecord;
  time: number;
  readAt: number;
}

/**
 * Merges the records of several shards into arrival order. Each shard's records come in its own
 * arrival order, so a record can be let go once every shard still being read has been read past
 * its time ("passed"); a shard that is finished no longer holds anything back.
 */
export class ArrivalOrder {
  private held: Held[] = [];
  private readonly passedAt = new Map<string, number>();
  private readonly finished = new Set<string>();
  /** Records let go before every shard was read past them, as the hold or the cap forced: their order is not certain. */
  releasedEarly = 0;

  constructor(private readonly options: ArrivalOrderOptions) {}

  get size(): number {
    return this.held.length;
  }

  add(record: DecodedRecord): void {
    const time = Date.parse(record.arrivalTime);
    this.passed(record.shardId, time);
    const entry = { record, time, readAt: this.now() };
    const after = (held: Held) => compareTimed(held.time, held.record, time, record) > 0;
    // Most records come after everything held; the rest (another shard's page, read late) find
    // their place by binary search, so a page of thousands costs n log n, not n².
    if (this.held.length === 0 || !after(this.held.at(-1)!)) {
      this.held.push(entry);
      return;
    }
    let low = 0;
    let high = this.held.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (after(this.held[middle]!)) high = middle;
      else low = middle + 1;
    }
    this.held.splice(low, 0, entry);
  }

  /** Every record of this shard up to this time (ms) has been read. */
  passed(shardId: string, time: number): void {
    if (time > (this.passedAt.get(shardId) ?? -Infinity)) this.passedAt.set(shardId, time);
  }

  /** This shard gives no more records to order (read to the end of the range, or to its limit). */
  finish(shardId: string): void {
    this.finished.add(shardId);
  }

  isFinished(shardId: string): boolean {
    return this.finished.has(shardId);
  }

  /**
   * The records that can be let go now, in order: those no shard still being read can come
   * before. `reading` names the shards that may still give records; one never read is at -∞.
   */
  release(reading: readonly string[]): DecodedRecord[] {
    let bound = Infinity;
    for (const shardId of reading) if (!this.finished.has(shardId)) bound = Math.min(bound, this.passedAt.get(shardId) ?? -Infinity);
    const now = this.now();
    // The last record held too long: it and everything before it go, whatever the other shards.
    let overdue = -1;
    if (this.options.holdMs !== undefined)
      for (let i = this.held.length - 1; i >= 0; i--)
        if (now - this.held[i]!.readAt >= this.options.holdMs) {
          overdue = i;
          break;
        }
    const overCap = this.held.length - this.options.maxHeld;
    let count = 0;
    for (; count < this.held.length; count++) {
      const inOrder = this.held[count]!.time <= bound;
      if (inOrder) continue;
      if (count > overdue && count >= overCap) break;
      this.releasedEarly++;
    }
    return this.held.splice(0, count).map((h) => h.record);
  }

  /** Keeps only the earliest `count` held records (a search that needs no more than its limit). */
  keepEarliest(count: number): void {
    if (this.held.length > count) this.held.length = Math.max(0, count);
  }

  /** The arrival time (ms) of the latest record held, if any. */
  get latestHeld(): number | undefined {
    return this.held.at(-1)?.time;
  }

  /** Everything held, in order: the read is over. */
  drain(): DecodedRecord[] {
    const out = this.held.map((h) => h.record);
    this.held = [];
    return out;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

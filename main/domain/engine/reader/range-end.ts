import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';

/**
 * Where a read ends. caught-up: the tip as each shard stood when the read reached it, so a shard
 * written to without pause still ends; time: a moment, which ends a shard at its first record
 * past it, or at its tip once the moment has passed; tip: the tip wherever it is found, whatever
 * the records' arrival times, for reads of records named by sequence number (a redrive's ranges),
 * which an arrival stamped by another clock must not cut short.
 */
export type ReadEnd = { type: 'caught-up' } | { type: 'time'; time: string } | { type: 'tip' };

/** The one definition of a range's end, per shard, that every read with an end (runs, search, copy, tail) shares. */
export class RangeEnd {
  private readonly reachedAt = new Map<string, number>();

  constructor(private readonly end: ReadEnd) {}

  /** The read reached a shard: for caught-up, records that arrive after this lie past the range. */
  reached(shardId: string, at = Date.now()): void {
    if (!this.reachedAt.has(shardId)) this.reachedAt.set(shardId, at);
  }

  private lastArrival(shardId: string): number {
    return this.end.type === 'time' ? Date.parse(this.end.time) : (this.reachedAt.get(shardId) ?? Date.now());
  }

  /** How many of a page's records lie inside the range: fewer than all, and the range ended on the shard in this page. */
  inside(shardId: string, records: readonly KinesisRecord[]): number {
    if (this.end.type === 'tip') return records.length;
    const last = this.lastArrival(shardId);
    const past = records.findIndex((r) => (r.ApproximateArrivalTimestamp?.getTime() ?? 0) > last);
    return past === -1 ? records.length : past;
  }

  /** A shard found at its tip: the range ended on it, unless it ends at a moment still to come. */
  endsAtTip(now = Date.now()): boolean {
    return this.end.type !== 'time' || now > Date.parse(this.end.time);
  }
}

import type { DecodedRecord } from '../engine/decode/record';
import { ArrivalOrder } from '../engine/reader/arrival-order';

/**
 * The earliest `limit` matches of a window, in arrival order (see compareArrival), handed over as
 * soon as they are certain: a match goes once every shard still being read is past its time.
 * Each shard's records come in arrival order, so a shard is no longer needed once it gave
 * `limit` matches, or was read past the latest of the `limit` earliest matches held.
 */
export class EarliestMatches {
  private readonly order = new ArrivalOrder({ maxHeld: Infinity });
  private readonly perShard = new Map<string, number>();
  private given = 0;

  constructor(
    private readonly limit: number,
    private readonly give: (record: DecodedRecord) => void,
  ) {}

  get count(): number {
    return this.given;
  }

  get full(): boolean {
    return this.given >= this.limit;
  }

  /** Whether this shard's records can still matter. */
  wants(shardId: string): boolean {
    return !this.full && !this.order.isFinished(shardId);
  }

  /** A record of the range was read, a match or not; returns true when its shard is no longer needed. */
  scanned(record: DecodedRecord, matched: boolean): boolean {
    const time = Date.parse(record.arrivalTime);
    this.order.passed(record.shardId, time);
    const room = this.limit - this.given;
    if (matched) {
      this.order.add(record);
      this.order.keepEarliest(room);
      this.perShard.set(record.shardId, (this.perShard.get(record.shardId) ?? 0) + 1);
    }
    const latest = this.order.latestHeld;
    const beaten = this.order.size >= room && latest !== undefined && time > latest;
    if ((this.perShard.get(record.shardId) ?? 0) >= this.limit || beaten) {
      this.order.finish(record.shardId);
      return true;
    }
    return false;
  }

  /** The shard was found at its tip: it has been read up to now. */
  caughtUp(shardId: string, now = Date.now()): void {
    this.order.passed(shardId, now);
  }

  /** The shard gives nothing more (the range ended on it, or it was stopped). */
  finish(shardId: string): void {
    this.order.finish(shardId);
  }

  /** Hands over what is certain, given the shards that may still give records; true once the limit is reached. */
  release(reading: readonly string[]): boolean {
    this.hand(this.order.release(reading));
    return this.full;
  }

  /** The read is over: what is held is the rest of the earliest matches. */
  drain(): void {
    this.hand(this.order.drain());
  }

  private hand(records: DecodedRecord[]): void {
    for (const record of records) {
      if (this.full) return;
      this.given++;
      this.give(record);
    }
  }
}

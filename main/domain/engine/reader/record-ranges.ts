import type { KinesisClient, _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { PayloadSource, RecordRange } from '../../../../shared/contract/record-ranges';
import { AppError, toApiError } from '../../../core/app-error';
import { listShards } from '../kinesis/stream-detail';
import type { ShardStart } from './read-session';

type Bounds = { start: bigint; end: bigint };

/**
 * A job over given records only (a redrive's failed batches, copied or exported): each shard is
 * read from its first range's first sequence number and finished at its last range's last;
 * records between two ranges of a shard are passed over (their marks still move, so a resume
 * does not read them again).
 */
export class RecordRanges {
  private readonly byShard = new Map<string, Bounds[]>();

  constructor(ranges: readonly RecordRange[]) {
    for (const range of ranges) {
      const list = this.byShard.get(range.shardId) ?? [];
      list.push({ start: BigInt(range.start), end: BigInt(range.end) });
      this.byShard.set(range.shardId, list);
    }
    for (const list of this.byShard.values()) list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  get shardIds(): string[] {
    return [...this.byShard.keys()];
  }

  /**
   * Where a shard with no saved mark starts. Kinesis refuses a start retention took already, so
   * a range that begins before the shard's oldest record starts at the trim horizon. Shards
   * without a range (a closed parent's children among them) are not read.
   */
  startOf(shardId: string, oldest: Map<string, bigint>): ShardStart {
    const first = this.byShard.get(shardId)?.[0];
    if (!first) return 'done';
    const kept = oldest.get(shardId);
    if (kept !== undefined && kept > first.start) return { type: 'TRIM_HORIZON' };
    return { type: 'AT_SEQUENCE_NUMBER', shardId, sequenceNumber: first.start.toString() };
  }

  /** Where a record falls: in a range, between two (or before the first), or past the last. */
  place(shardId: string, sequenceNumber: string): 'inside' | 'between' | 'past' {
    const list = this.byShard.get(shardId);
    if (!list) return 'past';
    const at = BigInt(sequenceNumber);
    if (at > list.at(-1)!.end) return 'past';
    return list.some((range) => range.start <= at && at <= range.end) ? 'inside' : 'between';
  }

  /** The shard's last range ends on this record: nothing after it is wanted. */
  endsAt(shardId: string, sequenceNumber: string): boolean {
    return this.byShard.get(shardId)?.at(-1)?.end === BigInt(sequenceNumber);
  }
}

/** Each shard's oldest sequence number still kept. */
export async function oldestKept(client: KinesisClient, stream: string): Promise<Map<string, bigint>> {
  const shards = await listShards(client, stream);
  return new Map(shards.map((shard) => [shard.shardId, BigInt(shard.sequenceNumberRange.start)]));
}

/** Records a job takes from elsewhere than its stream (a redrive's, out of notices' payloads): per shard, in sequence order. */
export type ShardRecords = ReadonlyMap<string, readonly KinesisRecord[]>;

/** Reads a job's payload source again, refusing when a notice changed or vanished since the job was planned. */
export type PayloadLoader = (source: PayloadSource, ranges: readonly RecordRange[]) => Promise<ShardRecords>;

/** A shard's payload records inside the job's ranges, of which the scan takes those the stream no longer holds. */
export interface PreloadedShard {
  shardId: string;
  records: readonly KinesisRecord[];
  /** False for a shard the stream no longer has: it is finished once these are taken. */
  inStream: boolean;
}

/**
 * A ranged job's scan: only the ranges' shards, each from its saved mark or else its first range,
 * and the payload records the stream no longer holds (retention took them, or the shard is gone),
 * to be taken before the stream's, so each shard's records still come in sequence order. While the
 * stream holds a record it is the one taken: a payload only stands in for what is gone. Null
 * without ranges (the job reads its from/until window).
 */
export async function rangedScan(
  client: KinesisClient,
  stream: string,
  ranges: readonly RecordRange[] | undefined,
  startAt: (shardId: string) => ShardStart | undefined,
  payloads?: { source?: PayloadSource; load?: PayloadLoader },
): Promise<{
  ranges: RecordRanges;
  shardIds: string[];
  startAt: (shardId: string) => ShardStart;
  preloaded: PreloadedShard[];
  /** Each shard's tip: its last range's record is what ends it, not an arrival time (see ReadEnd). */
  until: { type: 'tip' };
} | null> {
  if (!ranges) return null;
  const given = new RecordRanges(ranges);
  // A stream that is gone holds nothing: its payload records are all there is (a shard without any is then refused by the read).
  const oldest = await oldestKept(client, stream).catch((error: unknown) => {
    if (payloads?.source && toApiError(error).code === 'not-found') return new Map<string, bigint>();
    throw error;
  });
  if (payloads?.source && !payloads.load)
    throw new AppError('internal', "This job takes records from notices' payloads, and has no way to read them.");
  const byShard = payloads?.source ? await payloads.load!(payloads.source, ranges) : new Map<string, KinesisRecord[]>();
  const preloaded: PreloadedShard[] = [];
  for (const shardId of given.shardIds) {
    // The scan takes those older than the first record the stream gives there: a shard's listed start does not move with retention.
    const records = byShard.get(shardId) ?? [];
    if (records.length > 0) preloaded.push({ shardId, records, inStream: oldest.has(shardId) });
  }
  // A shard gone without payload records is still asked of the stream, which says it has no such shard.
  const gone = new Set(preloaded.filter((shard) => !shard.inStream).map((shard) => shard.shardId));
  return {
    ranges: given,
    until: { type: 'tip' },
    shardIds: given.shardIds.filter((shardId) => !gone.has(shardId)),
    preloaded,
    startAt: (shardId) => {
      const saved = startAt(shardId);
      // A mark on a record only a payload held: the stream holds nothing up to it, so its read starts at its oldest.
      if (typeof saved === 'object' && 'sequenceNumber' in saved && BigInt(saved.sequenceNumber) < (oldest.get(shardId) ?? 0n))
        return { type: 'TRIM_HORIZON' };
      return saved ?? given.startOf(shardId, oldest);
    },
  };
}

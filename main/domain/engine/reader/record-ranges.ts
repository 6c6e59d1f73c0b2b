import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { RecordRange } from '../../../../shared/contract/record-ranges';
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

/**
 * A ranged job's scan: only the ranges' shards, each from its saved mark or else its first range.
 * Null without ranges (the job reads its from/until window).
 */
export async function rangedScan(
  client: KinesisClient,
  stream: string,
  ranges: readonly RecordRange[] | undefined,
  startAt: (shardId: string) => ShardStart | undefined,
): Promise<{ ranges: RecordRanges; shardIds: string[]; startAt: (shardId: string) => ShardStart } | null> {
  if (!ranges) return null;
  const given = new RecordRanges(ranges);
  const oldest = await oldestKept(client, stream);
  return { ranges: given, shardIds: given.shardIds, startAt: (shardId) => startAt(shardId) ?? given.startOf(shardId, oldest) };
}

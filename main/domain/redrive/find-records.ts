import type { KinesisClient, _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { NoticeOutcome, RedriveNotice, RedriveRange } from '../../../shared/contract/redrive';
import type { Shard, StartPosition } from '../../../shared/contract';
import { AppError, toApiError } from '../../core/app-error';
import type { DecodedRecord } from '../engine/decode/record';
import { decodePage } from '../engine/decode/decode-page';
import { describeStream, listShards } from '../engine/kinesis/stream-detail';
import type { ShardBudget } from '../engine/reader/read-budget';
import { RangeScan } from '../engine/reader/range-scan';
import type { SchemaDecoding } from '../engine/decode/schema/record-schemas';
import { mergeRanges } from './notice-ranges';

export interface StreamReader {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  /** Schema-encoded records decoded by their schemas, as every reader decodes them. */
  schemas?: SchemaDecoding;
}

export interface FindOptions {
  /** A reader of a stream on the caller's connection (its client is destroyed when done). */
  reading(stream: string): StreamReader | Promise<StreamReader>;
  notices: readonly RedriveNotice[];
  /** The batches' records an S3 destination kept: taken for those the stream no longer holds. */
  payloads?: ReadonlyMap<RedriveNotice, readonly KinesisRecord[]>;
  /**
   * Each user record of the ranges once, range after range, in shard order, with the stream it
   * came from; then, per stream, those only a notice's payload still holds (`fromPayload`).
   */
  take(record: DecodedRecord, stream: string, fromPayload: boolean): void | Promise<void>;
}

export interface FoundRecords {
  outcomes: NoticeOutcome[];
  /** The ranges read: the notices that could be read, merged. */
  ranges: RedriveRange[];
  /** Notices whose shard or stream is gone: only a payload can give their records. */
  payloadOnly: Set<number>;
}

interface StreamFacts {
  arn: string;
  retentionHours: number;
  createdAt: number | null;
  shards: Map<string, Shard>;
}

const HOUR_MS = 3_600_000;

/**
 * The records behind each notice, read through the one read engine within the shards' read
 * budgets: each merged range from its first sequence number to its last on its own shard only,
 * whether it is open or closed, its children left alone. A notice's records that are not there
 * any more (its batch size less those found) are counted as expired, with the time retention
 * took them; a stream or shard that is gone gives every record of its notices that fate.
 */
export async function findRecords(options: FindOptions): Promise<FoundRecords> {
  const { notices } = options;
  const found = notices.map(() => 0);
  const fromPayload = notices.map(() => 0);
  /** The sequence numbers the stream gave each notice that has a payload: the rest come from it. */
  const seen = new Map<number, Set<string>>();
  notices.forEach((notice, index) => options.payloads?.has(notice) && seen.set(index, new Set()));
  const reasons: (string | null)[] = notices.map(() => null);
  /** Notices of a stream this connection does not reach (another region or account): not looked for. */
  const elsewhere = new Set<number>();
  const retention = new Map<string, number | null>();
  const ranges: RedriveRange[] = [];
  const payloadOnly = new Set<number>();
  for (const stream of new Set(notices.map((n) => n.stream))) {
    const reader = await options.reading(stream);
    try {
      const facts = await streamFacts(reader.client, stream);
      retention.set(stream, facts?.retentionHours ?? null);
      // Notices of a stream's earlier life (deleted and made again since) name sequence numbers
      // the new stream may reuse: they are not merged with the others or read.
      notices.forEach((notice, index) => {
        if (notice.stream !== stream) return;
        if (facts?.arn && facts.arn !== notice.streamArn) {
          // A stream of the same name in another region or account holds other records.
          reasons[index] = `the notice is for ${notice.streamArn}; this connection reaches ${facts.arn}`;
          elsewhere.add(index);
        } else if (!facts || !facts.shards.has(notice.shardId)) {
          reasons[index] = facts ? `the shard ${notice.shardId} is gone` : `the stream ${stream} is gone`;
          payloadOnly.add(index);
        } else if (facts.createdAt !== null && facts.createdAt > Date.parse(notice.lastArrival))
          reasons[index] = `the stream ${stream} was made again since`;
      });
      const streamRanges = mergeRanges(notices, (notice, index) => notice.stream === stream && reasons[index] === null);
      ranges.push(...streamRanges);
      for (const range of streamRanges) {
        const shard = facts!.shards.get(range.shardId)!;
        const from: StartPosition =
          BigInt(shard.sequenceNumberRange.start) > BigInt(range.start)
            ? { type: 'TRIM_HORIZON' }
            : { type: 'AT_SEQUENCE_NUMBER', shardId: range.shardId, sequenceNumber: range.start };
        await scanRange(
          reader,
          range,
          from,
          (record) => options.take(record, stream, false),
          (sequenceNumber) => {
            range.found++;
            for (const index of range.notices) {
              const notice = notices[index]!;
              if (BigInt(notice.start) <= sequenceNumber && sequenceNumber <= BigInt(notice.end)) {
                found[index]!++;
                seen.get(index)?.add(sequenceNumber.toString());
              }
            }
          },
        );
      }
      await takePayloads(reader, notices, options, stream, elsewhere, seen, fromPayload);
    } finally {
      reader.client.destroy();
    }
  }
  const outcomes = notices.map((notice, index) => {
    const missing = Math.max(0, notice.batchSize - found[index]! - fromPayload[index]!);
    const [expired, unread] = elsewhere.has(index) ? [0, missing] : [missing, 0];
    const hours = retention.get(notice.stream) ?? null;
    // Records the payload stood in for left the stream too: when is said for them as well.
    const gone = expired + fromPayload[index]!;
    const expiredAt = gone > 0 && hours !== null ? new Date(Date.parse(notice.firstArrival) + hours * HOUR_MS).toISOString() : null;
    return { found: found[index]!, fromPayload: fromPayload[index]!, expired, unread, expiredAt, reason: reasons[index]! };
  });
  return { outcomes, ranges, payloadOnly };
}

/**
 * The records of a stream's notices that only their payloads still hold (retention took them, or
 * their shard or stream is gone), decoded as the stream's are, each once however many notices
 * carry it, in shard and sequence order. A notice for another region or account is left alone.
 */
async function takePayloads(
  reader: StreamReader,
  notices: readonly RedriveNotice[],
  options: FindOptions,
  stream: string,
  elsewhere: ReadonlySet<number>,
  seen: ReadonlyMap<number, ReadonlySet<string>>,
  fromPayload: number[],
): Promise<void> {
  const taken = new Set<string>();
  const byShard = new Map<string, KinesisRecord[]>();
  notices.forEach((notice, index) => {
    const records = options.payloads?.get(notice);
    if (notice.stream !== stream || !records || elsewhere.has(index)) return;
    for (const record of records) {
      if (seen.get(index)!.has(record.SequenceNumber!)) continue;
      fromPayload[index]!++;
      const key = `${notice.shardId}/${record.SequenceNumber}`;
      if (taken.has(key)) continue;
      taken.add(key);
      byShard.set(notice.shardId, [...(byShard.get(notice.shardId) ?? []), record]);
    }
  });
  for (const shardId of [...byShard.keys()].sort()) {
    const records = byShard.get(shardId)!.sort((a, b) => (BigInt(a.SequenceNumber!) < BigInt(b.SequenceNumber!) ? -1 : 1));
    await decodePage(shardId, records, (record) => options.take(record, stream, true), reader.schemas);
  }
}

async function streamFacts(client: KinesisClient, stream: string): Promise<StreamFacts | null> {
  try {
    const [detail, shards] = await Promise.all([describeStream(client, stream), listShards(client, stream)]);
    return {
      arn: detail.arn,
      retentionHours: detail.retentionHours,
      createdAt: detail.createdAt ? Date.parse(detail.createdAt) : null,
      shards: new Map(shards.map((s) => [s.shardId, s])),
    };
  } catch (error) {
    if (toApiError(error).code === 'not-found') return null;
    throw error;
  }
}

/**
 * One range of one shard: its descendants are marked done before the read starts, so a closed
 * shard read to its end hands nothing on; the shard is finished at the range's last sequence
 * number (the rest of that page, the other user records of an aggregate, still come through).
 */
function scanRange(
  reader: StreamReader,
  range: RedriveRange,
  from: StartPosition,
  take: (record: DecodedRecord) => void | Promise<void>,
  counted: (sequenceNumber: bigint) => void,
): Promise<void> {
  const [start, end] = [BigInt(range.start), BigInt(range.end)];
  let last: bigint | null = null;
  let scan!: RangeScan;
  const read = new Promise<void>((resolve, reject) => {
    scan = new RangeScan({
      client: reader.client,
      budget: reader.budget,
      schemas: reader.schemas,
      stream: range.stream,
      shardIds: [range.shardId],
      from,
      // The range's last sequence number ends it: an arrival time, stamped by another clock, must not.
      until: { type: 'tip' },
      startAt: (shardId) => (shardId === range.shardId ? from : 'done'),
      sink: {
        take: async (record): Promise<'more'> => {
          const sequenceNumber = BigInt(record.sequenceNumber);
          if (sequenceNumber < start) return 'more';
          if (sequenceNumber > end) {
            scan.stopShard(range.shardId);
            return 'more';
          }
          // A batch's size counts Kinesis records: an aggregate's user records count once.
          if (sequenceNumber !== last) counted(sequenceNumber);
          last = sequenceNumber;
          await take(record);
          if (sequenceNumber === end) scan.stopShard(range.shardId);
          return 'more';
        },
      },
      onComplete: async () => resolve(),
      onFailure: reject,
      onStopped: (reason) => reject(new AppError('unavailable', reason)),
    });
    scan.start().catch(reject);
  });
  // The scan's readers and queue end before the next range starts, however this one ended.
  return read.finally(() => scan.stop());
}

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { AppError } from '../../../core/app-error';
import type { ShardBudget } from '../../engine/reader/read-budget';
import { digestOf } from './copy-manifest';
import { RangeScan } from '../../engine/reader/range-scan';
import type { WrittenEntry } from '../record-writer';

/** Arrival times are the server's clock and sentAt is ours: look this far before it. */
export const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * Which of the records a copy was sending did reach the target, when the answer was lost (a crash,
 * a call that failed on the way): the target is read (with the read engine, within its budget)
 * from just before the call went until its tip, and each record's key and bytes are matched
 * against the ones sent, one match per record. Only records after the copy's own last write on
 * each shard count, so an earlier identical record (a repeat in the source, the original of a
 * stream copied into itself) is not taken for the lost one.
 */
export async function findWritten(options: {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  stream: string;
  sentAt: string;
  /** The digest (digestOf) of each record sent. */
  digests: readonly string[];
  /** The copy's last written sequence number on each target shard before this call. */
  after: Readonly<Record<string, string>>;
}): Promise<Map<number, WrittenEntry>> {
  const waiting = new Map<string, number[]>();
  options.digests.forEach((digest, index) => waiting.set(digest, [...(waiting.get(digest) ?? []), index]));
  const found = new Map<number, WrittenEntry>();
  let scan: RangeScan | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      scan = new RangeScan({
        client: options.client,
        budget: options.budget,
        stream: options.stream,
        from: { type: 'AT_TIMESTAMP', timestamp: new Date(Date.parse(options.sentAt) - CLOCK_MARGIN_MS).toISOString() },
        until: { type: 'caught-up' },
        sink: {
          take: (record) => {
            const mark = options.after[record.shardId];
            if (mark && BigInt(record.sequenceNumber) <= BigInt(mark)) return 'more';
            const index = waiting.get(digestOf(record.partitionKey, record.stored))?.shift();
            if (index !== undefined) found.set(index, { shardId: record.shardId, sequenceNumber: record.sequenceNumber });
            return found.size === options.digests.length ? 'stop' : 'more';
          },
        },
        onComplete: async () => resolve(),
        onFailure: reject,
        onStopped: (reason) => reject(new AppError('aws', `Checking what reached ${options.stream} failed: ${reason}`)),
      });
      scan.start().catch(reject);
    });
  } finally {
    await (scan as RangeScan | null)?.stop();
  }
  return found;
}

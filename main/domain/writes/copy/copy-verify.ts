import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { AppError } from '../../../core/app-error';
import type { ShardBudget } from '../../reader/read-budget';
import { RangeScan } from '../../runs/range-scan';
import { digestOf, type InFlightEntry } from './copy-manifest';

/** Arrival times are the server's clock and sentAt is ours: look this far before it. */
export const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * Which of the records a crashed copy was sending did reach the target: the target is read (with
 * the read engine, within its budget) from just before the call went until its tip, and each
 * record's key and bytes are matched against the in-flight ones, one match per record.
 */
export async function findWritten(options: {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  stream: string;
  sentAt: string;
  entries: readonly InFlightEntry[];
}): Promise<Set<number>> {
  const waiting = new Map<string, number[]>();
  options.entries.forEach((entry, index) => waiting.set(entry.digest, [...(waiting.get(entry.digest) ?? []), index]));
  const found = new Set<number>();
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
            const indexes = waiting.get(digestOf(record.partitionKey, record.stored));
            const index = indexes?.shift();
            if (index !== undefined) found.add(index);
            return found.size === options.entries.length ? 'stop' : 'more';
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

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { AppError } from '../../core/app-error';
import { recordKind, type RecordKind } from '../engine/decode/record-kind';
import type { SchemaDecoding } from '../engine/decode/schema/record-schemas';
import type { ShardBudget } from '../engine/reader/read-budget';
import { RangeScan } from '../engine/reader/range-scan';

/** Enough records to see a stream's encoding and a stray record or two beside it. */
export const SAMPLE_RECORDS = 50;

/**
 * The kinds of the stream's latest records, read (within the read budget, like every reader) from
 * `since` until the tip or SAMPLE_RECORDS records: what an engine starting now would meet.
 */
export async function sampleRecordKinds(options: {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  stream: string;
  schemas?: SchemaDecoding;
  since: Date;
}): Promise<{ kinds: RecordKind[]; records: number }> {
  const kinds = new Set<RecordKind>();
  let records = 0;
  let scan: RangeScan | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      scan = new RangeScan({
        client: options.client,
        budget: options.budget,
        stream: options.stream,
        schemas: options.schemas,
        from: { type: 'AT_TIMESTAMP', timestamp: options.since.toISOString() },
        until: { type: 'caught-up' },
        pageLimit: SAMPLE_RECORDS,
        sink: {
          take: (record) => {
            kinds.add(recordKind(record));
            return ++records >= SAMPLE_RECORDS ? 'stop' : 'more';
          },
        },
        onComplete: async () => resolve(),
        onFailure: reject,
        onStopped: (reason) => reject(new AppError('aws', `Reading ${options.stream} to learn its records' encoding failed: ${reason}`)),
      });
      scan.start().catch(reject);
    });
  } finally {
    await (scan as RangeScan | null)?.stop();
  }
  return { kinds: [...kinds].sort(), records };
}

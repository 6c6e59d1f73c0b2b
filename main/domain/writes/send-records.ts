import { randomUUID } from 'node:crypto';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { CopyKeys, SendRecordsInput } from '../../../shared/contract/writes';
import { decodeRecord, type DecodedRecord } from '../engine/decode/record';
import type { ShardBudget } from '../engine/reader/read-budget';
import { readRecordAt } from '../engine/reader/read-one';
import { RecordWriter } from './record-writer';

/** The key a record is written again with: its own, a field of its JSON data, or a random one. */
export function keyFor(record: DecodedRecord, keys: CopyKeys): string {
  if (keys.type === 'random') return randomUUID();
  if (keys.type === 'field' && record.encoding === 'json' && record.value && typeof record.value === 'object') {
    const value = (record.value as Record<string, unknown>)[keys.field];
    if ((typeof value === 'string' && value.length > 0 && value.length <= 256) || typeof value === 'number') return String(value);
  }
  return record.partitionKey;
}

/**
 * Records picked in a preview, written again byte for byte: each is read back from the source
 * by its sequence number (within the read budget; the renderer never sends a payload), the
 * user record picked out of its aggregate, and all written with PutRecords.
 */
export async function sendRecords(options: {
  source: { client: KinesisClient; budget: (shardId: string) => ShardBudget };
  target: KinesisClient;
  input: SendRecordsInput;
}): Promise<{ written: number; retried: number; missing: number }> {
  const { input } = options;
  const writer = new RecordWriter({ client: options.target, stream: input.target });
  let missing = 0;
  for (const key of input.records) {
    const raw = await readRecordAt(
      options.source.client,
      input.source,
      key.shardId,
      key.sequenceNumber,
      options.source.budget(key.shardId),
    );
    const record = raw ? decodeRecord(key.shardId, raw).find((r) => r.subSequenceNumber === key.subSequenceNumber) : undefined;
    if (!record) {
      missing++;
      continue;
    }
    await writer.add({ data: record.stored, partitionKey: keyFor(record, input.keys) });
  }
  await writer.flush();
  return { written: writer.counts.written, retried: writer.counts.retried, missing };
}

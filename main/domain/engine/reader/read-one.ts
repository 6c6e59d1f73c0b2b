import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient, type _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { ShardBudget } from './read-budget';

/**
 * The one record at a sequence number (the inspector's "whole record"), read within the shard's
 * budget like every other GetRecords call of the process. Null when it is no longer there.
 */
export async function readRecordAt(
  client: KinesisClient,
  stream: string,
  shardId: string,
  sequenceNumber: string,
  budget: ShardBudget,
): Promise<KinesisRecord | null> {
  const { ShardIterator } = await client.send(
    new GetShardIteratorCommand({
      StreamName: stream,
      ShardId: shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: sequenceNumber,
    }),
  );
  await budget.take(new AbortController().signal);
  const { Records } = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }));
  const record = Records?.[0];
  return record && record.SequenceNumber === sequenceNumber ? record : null;
}

/** Where a short read starts: at a record, after one, at the oldest record, or at a time. */
export type ShortReadStart =
  | { type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string }
  | { type: 'TRIM_HORIZON' }
  | { type: 'AT_TIMESTAMP'; timestamp: Date }
  /** Where the previous short read ended. */
  | { type: 'ITERATOR'; iterator: string };

export interface ShortRead {
  records: KinesisRecord[];
  /** How far the page's end is from the shard's newest record; 0 at the tip. */
  millisBehindLatest: number | null;
  /** Where to go on from; null at the end of a closed shard. */
  nextIterator: string | null;
}

/**
 * One GetRecords call of at most `limit` records from `start`: what a consumer's lag and a
 * checkpoint's record are measured with. It takes a slot of the shard's budget like every
 * reader of the process, and pays for the bytes it brought back.
 */
export async function readShort(
  client: KinesisClient,
  stream: string,
  shardId: string,
  start: ShortReadStart,
  budget: ShardBudget,
  limit: number,
  signal: AbortSignal = new AbortController().signal,
): Promise<ShortRead> {
  const ShardIterator =
    start.type === 'ITERATOR'
      ? start.iterator
      : (
          await client.send(
            new GetShardIteratorCommand({
              StreamName: stream,
              ShardId: shardId,
              ShardIteratorType: start.type,
              ...('sequenceNumber' in start ? { StartingSequenceNumber: start.sequenceNumber } : {}),
              ...('timestamp' in start ? { Timestamp: start.timestamp } : {}),
            }),
            { abortSignal: signal },
          )
        ).ShardIterator;
  if (!(await budget.take(signal))) throw Object.assign(new Error('The read was stopped.'), { name: 'AbortError' });
  const startedAt = Date.now();
  const page = await client.send(new GetRecordsCommand({ ShardIterator, Limit: limit }), { abortSignal: signal });
  const records = page.Records ?? [];
  budget.charge(
    startedAt,
    records.reduce((sum, r) => sum + (r.Data?.length ?? 0), 0),
  );
  return { records, millisBehindLatest: page.MillisBehindLatest ?? null, nextIterator: page.NextShardIterator ?? null };
}

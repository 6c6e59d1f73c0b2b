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

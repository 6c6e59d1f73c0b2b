import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { PutRecordInput, PutRecordResult } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { entryProblem, placementOf } from './limits';
import { onStream } from '../engine/kinesis/missing-stream';

/** The bytes a put sends: the text as UTF-8 (JSON checked and sent as typed), or base64 decoded; gzipped on request. */
export function payloadOf(input: Pick<PutRecordInput, 'data' | 'encoding' | 'gzip'>): Buffer {
  let bytes: Buffer;
  switch (input.encoding) {
    case 'json':
      try {
        JSON.parse(input.data);
      } catch (error) {
        throw new AppError('invalid-input', `The data is not valid JSON: ${(error as Error).message}`);
      }
      bytes = Buffer.from(input.data, 'utf8');
      break;
    case 'base64':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.data.replace(/\s+/g, '')))
        throw new AppError('invalid-input', 'The data is not base64 (letters, digits, + and /, with = at the end).');
      bytes = Buffer.from(input.data, 'base64');
      break;
    default:
      bytes = Buffer.from(input.data, 'utf8');
  }
  return input.gzip ? gzipSync(bytes) : bytes;
}

/** The record as Kinesis will get it, or why Kinesis would refuse it: checked when the write is planned and again when it is made. */
export function checkedRecord(input: PutRecordInput) {
  const data = payloadOf(input);
  const partitionKey = input.partitionKey ?? randomUUID();
  const entry = { data, partitionKey, ...(input.explicitHashKey ? { explicitHashKey: input.explicitHashKey } : {}) };
  const problem = entryProblem(entry);
  if (problem) throw new AppError('invalid-input', `Kinesis would refuse this record: ${problem}.`);
  return entry;
}

/** One record with PutRecord: the shard it went to and its sequence number. */
export async function putRecord(client: KinesisClient, input: PutRecordInput): Promise<PutRecordResult> {
  const entry = checkedRecord(input);
  const { data, partitionKey } = entry;
  const output = await onStream(client, input.stream, () =>
    client.send(
      new PutRecordCommand({
        StreamName: input.stream,
        Data: data,
        PartitionKey: partitionKey,
        ...(entry.explicitHashKey ? { ExplicitHashKey: entry.explicitHashKey } : {}),
      }),
    ),
  );
  return {
    stream: input.stream,
    shardId: output.ShardId ?? '',
    sequenceNumber: output.SequenceNumber ?? '',
    partitionKey,
    hashKey: placementOf(entry).toString(),
    bytes: data.length,
  };
}

import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { PutRecordInput, PutRecordResult } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { entryProblem, placementOf } from './limits';
import { onStream } from '../engine/kinesis/missing-stream';
import { describeRef } from '../engine/decode/schema/schema-codec';
import { SchemaEncodeError } from '../engine/decode/schema/schema-encode-error';
import type { SchemaEncoder } from '../engine/decode/schema/schema-encoder';

/**
 * JSON text encoded with a schema: the record's bytes, or why the value does not fit (with the
 * path of what does not). Framing compresses where the wire does (GSR's zlib), so gzip is refused.
 */
export function encodedPayload(input: Pick<PutRecordInput, 'data' | 'encoding' | 'gzip'>, encoder: SchemaEncoder): Buffer {
  if (input.encoding !== 'json') throw new AppError('invalid-input', 'A record encoded with a schema is written from JSON data.');
  if (input.gzip)
    throw new AppError(
      'invalid-input',
      "A record encoded with a schema is not gzipped: its framing's zlib compresses it where the wire allows.",
    );
  let value: unknown;
  try {
    value = JSON.parse(input.data);
  } catch (error) {
    throw new AppError('invalid-input', `The data is not valid JSON: ${(error as Error).message}`);
  }
  return encodeValue(encoder, value);
}

/** One value as its schema writes it; a value that does not fit is refused with its path. */
export function encodeValue(encoder: SchemaEncoder, value: unknown): Buffer {
  try {
    return encoder.encode(value);
  } catch (error) {
    if (error instanceof SchemaEncodeError)
      throw new AppError('invalid-input', `The data does not fit the schema ${describeRef(encoder.ref)}: ${error.message}`);
    throw error;
  }
}

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
export function checkedRecord(input: PutRecordInput, encoder?: SchemaEncoder) {
  const data = encoder ? encodedPayload(input, encoder) : payloadOf(input);
  const partitionKey = input.partitionKey ?? randomUUID();
  const entry = { data, partitionKey, ...(input.explicitHashKey ? { explicitHashKey: input.explicitHashKey } : {}) };
  const problem = entryProblem(entry);
  if (problem) throw new AppError('invalid-input', `Kinesis would refuse this record: ${problem}.`);
  return entry;
}

/** One record with PutRecord: the shard it went to and its sequence number. */
export async function putRecord(client: KinesisClient, input: PutRecordInput, encoder?: SchemaEncoder): Promise<PutRecordResult> {
  const entry = checkedRecord(input, encoder);
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

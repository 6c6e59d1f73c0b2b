import { MAX_RECORD_BYTES } from '../../../shared/contract/writes';
import { hashKeyOf } from '../engine/kinesis/shard-for';

/** PutRecords takes at most 500 records a call. */
export const MAX_RECORDS_PER_CALL = 500;
/** And at most 5 MiB a call, counting each record's data and partition key. */
export const MAX_BYTES_PER_CALL = 5 * 1024 * 1024;
/** A record's data and partition key together may be at most 1 MiB (the contract says so for every host). */
export { MAX_RECORD_BYTES };
/** A shard takes 1,000 records and 1 MiB a second of writes. */
export const SHARD_WRITE_RECORDS_PER_SECOND = 1_000;
export const SHARD_WRITE_BYTES_PER_SECOND = 1024 * 1024;
const MAX_HASH_KEY = 2n ** 128n - 1n;

/** One record to write, as PutRecord(s) takes it. */
export interface WriteEntry {
  data: Uint8Array;
  partitionKey: string;
  explicitHashKey?: string;
}

/** The bytes a record counts for against the call and record limits. */
export function entryBytes(entry: WriteEntry): number {
  return entry.data.byteLength + Buffer.byteLength(entry.partitionKey, 'utf8');
}

/** Why Kinesis would refuse this record, or null: said before sending so one bad record cannot fail a batch. */
export function entryProblem(entry: WriteEntry): string | null {
  const keyLength = [...entry.partitionKey].length;
  if (keyLength < 1 || keyLength > 256) return `a partition key is 1 to 256 characters (this one is ${keyLength})`;
  const bytes = entryBytes(entry);
  if (bytes > MAX_RECORD_BYTES)
    return `the record is ${bytes.toLocaleString('en-US')} bytes with its partition key; Kinesis takes at most ${MAX_RECORD_BYTES.toLocaleString('en-US')} (1 MiB)`;
  if (entry.explicitHashKey !== undefined) return hashKeyProblem(entry.explicitHashKey);
  return null;
}

export function hashKeyProblem(hashKey: string): string | null {
  if (!/^\d{1,39}$/.test(hashKey) || BigInt(hashKey) > MAX_HASH_KEY) return 'an explicit hash key is a whole number from 0 to 2^128 − 1';
  return null;
}

/** Where Kinesis will place the record: its explicit hash key, else the MD5 of its partition key. */
export function placementOf(entry: Pick<WriteEntry, 'partitionKey' | 'explicitHashKey'>): bigint {
  return entry.explicitHashKey !== undefined ? BigInt(entry.explicitHashKey) : hashKeyOf(entry.partitionKey);
}

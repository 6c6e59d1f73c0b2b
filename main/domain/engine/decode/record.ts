import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { deaggregate, isAggregated } from '../kpl/deaggregate';
import { decodePayload, inflateBudget, type DecodedPayload } from './payload';
import type { SchemaRef } from './schema/schema-resolver';
import type { SchemaOutcome } from './schema/record-schemas';

/** A 10 MiB aggregate of empty records would be a million objects; past this it is shown raw, counted from its tags before any is built. */
export const MAX_USER_RECORDS_PER_AGGREGATE = 100_000;

/** One user record as read: a plain Kinesis record, or one record out of a KPL aggregate. */
export interface DecodedRecord extends DecodedPayload {
  shardId: string;
  sequenceNumber: string;
  subSequenceNumber: number | null;
  partitionKey: string;
  /** A KPL user record's explicit hash key, which routes it in place of its partition key; GetRecords gives none for a plain record. */
  explicitHashKey?: string | null;
  arrivalTime: string;
  /** Bytes as stored in Kinesis, before decompression. */
  size: number;
  /** Those bytes themselves: what a copy writes again, byte for byte. */
  stored: Buffer;
  /** The schema the value was decoded with (then encoding is json and value its JSON); absent or null when none. */
  schema?: SchemaRef | null;
  /** Avro: the branch each union took, by path ($.field), for the inspector. */
  unionBranches?: Record<string, string>;
  /** Protobuf: the message type the value was read as. */
  schemaMessage?: string;
  /** Masking rules were applied: bytes and stored are emptied, as they would show the values in the clear. */
  masked?: boolean;
}

/** A record with its schema outcome applied: decoded to JSON, or left as it was with the reason. */
export function withSchema(record: DecodedRecord, outcome: SchemaOutcome): DecodedRecord {
  if (outcome === null) return record;
  if (!outcome.ok) return { ...record, error: outcome.reason };
  const { value, branches, message } = outcome.decoded;
  return {
    ...record,
    encoding: 'json',
    value,
    error: null,
    schema: outcome.schema,
    ...(branches ? { unionBranches: branches } : {}),
    ...(message ? { schemaMessage: message } : {}),
  };
}

/** Every user record in a Kinesis record, decoded; a corrupt aggregate becomes one raw record with the reason. */
export function decodeRecord(shardId: string, record: KinesisRecord): DecodedRecord[] {
  return [...decodeUserRecords(shardId, record)];
}

/** A payload left as stored, for a reader that needs only keys, sizes and times. */
const undecoded = (data: Buffer): DecodedPayload => ({ compression: null, encoding: 'binary', value: data, bytes: data, error: null });

/** The same, one user record at a time; `payloads` false leaves each payload as stored (no inflating, no parsing). */
export function* decodeUserRecords(shardId: string, record: KinesisRecord, payloads = true): Generator<DecodedRecord> {
  const data = Buffer.from(record.Data ?? new Uint8Array());
  const base = {
    shardId,
    sequenceNumber: record.SequenceNumber ?? '',
    partitionKey: record.PartitionKey ?? '',
    arrivalTime: (record.ApproximateArrivalTimestamp ?? new Date()).toISOString(),
  };
  // The whole Kinesis record as bytes, with why it is not split: a corrupt, empty or enormous aggregate.
  const raw = (reason: string): DecodedRecord => ({
    ...base,
    subSequenceNumber: null,
    size: data.length,
    stored: data,
    compression: null,
    encoding: 'binary',
    value: data,
    bytes: data,
    error: reason,
    schema: null,
  });
  if (isAggregated(data)) {
    const split = deaggregate(data, MAX_USER_RECORDS_PER_AGGREGATE);
    if (!split.ok) {
      yield raw(split.reason);
      return;
    }
    // An empty aggregate would vanish from every view without a trace.
    if (split.records.length === 0) {
      yield raw('a KPL aggregate that holds no user records is shown raw');
      return;
    }
    const budget = inflateBudget();
    for (const user of split.records) {
      yield {
        ...base,
        ...(payloads ? decodePayload(user.data, budget) : undecoded(user.data)),
        partitionKey: user.partitionKey,
        ...(user.explicitHashKey === null ? {} : { explicitHashKey: user.explicitHashKey }),
        subSequenceNumber: user.subSequenceNumber,
        size: user.data.length,
        stored: user.data,
        schema: null,
      };
    }
    return;
  }
  yield {
    ...base,
    ...(payloads ? decodePayload(data) : undecoded(data)),
    subSequenceNumber: null,
    size: data.length,
    stored: data,
    schema: null,
  };
}

import protobuf from 'protobufjs/minimal.js';
import { aggregateBody, FIELD, LENGTH_DELIMITED, RECORD_FIELD, VARINT } from './kpl-format';

// protobufjs is CommonJS: Node's ESM loader gives its exports on the default object only.
const { Reader } = protobuf;
type Reader = protobuf.Reader;

export { isAggregated, KPL_MAGIC } from './kpl-format';

export interface UserRecord {
  partitionKey: string;
  explicitHashKey: string | null;
  subSequenceNumber: number;
  /** A view into the aggregate's bytes, not a copy. */
  data: Buffer;
}

export type Deaggregated = { ok: true; records: UserRecord[] } | { ok: false; reason: string };
export type Counted = { ok: true; count: number } | { ok: false; reason: string };

const corrupt = (why: string) => ({ ok: false as const, reason: `corrupt KPL aggregate: ${why}` });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A uint64 index as a number: protobufjs hands back a Long when long.js is there, a number when not. */
function readIndex(reader: Reader): number {
  const value = reader.uint64() as unknown as number | { toNumber(): number };
  return typeof value === 'number' ? value : value.toNumber();
}

/**
 * How many entries each table and the record list hold, from the tags alone: each entry is
 * skipped by its length, so nothing is built and an aggregate of 174,000 empty records costs
 * a few milliseconds, not a second and 60 MB.
 */
function countFields(body: Buffer): { keys: number; hashKeys: number; records: number } {
  const reader = Reader.create(body);
  const counts = { keys: 0, hashKeys: 0, records: 0 };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const known = field === FIELD.partitionKeyTable || field === FIELD.explicitHashKeyTable || field === FIELD.records;
    if (known && (tag & 7) !== LENGTH_DELIMITED) throw new Error(`field ${field} has wire type ${tag & 7}, not length-delimited`);
    reader.skipType(tag & 7);
    if (field === FIELD.partitionKeyTable) counts.keys += 1;
    else if (field === FIELD.explicitHashKeyTable) counts.hashKeys += 1;
    else if (field === FIELD.records) counts.records += 1;
  }
  return counts;
}

/** User records in an aggregate whose MD5 matches, without building any of them. */
export function countUserRecords(data: Uint8Array): Counted {
  const envelope = aggregateBody(data);
  if (!envelope.ok) return envelope;
  try {
    return { ok: true, count: countFields(envelope.body).records };
  } catch (error) {
    return corrupt(message(error));
  }
}

interface EncodedUserRecord {
  keyIndex: number;
  hashKeyIndex: number | null;
  data: Buffer;
}

function readUserRecord(reader: Reader, end: number, index: number): EncodedUserRecord {
  let keyIndex: number | null = null;
  let hashKeyIndex: number | null = null;
  let data: Buffer | null = null;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === RECORD_FIELD.partitionKeyIndex && (tag & 7) === VARINT) keyIndex = readIndex(reader);
    else if (field === RECORD_FIELD.explicitHashKeyIndex && (tag & 7) === VARINT) hashKeyIndex = readIndex(reader);
    else if (field === RECORD_FIELD.data && (tag & 7) === LENGTH_DELIMITED) data = reader.bytes() as Buffer;
    // Tags (4) carry nothing a reader shows; anything newer is skipped as protobuf allows.
    else reader.skipType(tag & 7);
  }
  if (reader.pos !== end) throw new Error(`user record ${index} runs past its length`);
  if (keyIndex === null) throw new Error(`user record ${index} has no partition key index`);
  if (data === null) throw new Error(`user record ${index} has no data`);
  return { keyIndex, hashKeyIndex, data };
}

/** Keys by index once the whole message is read: protobuf lets the tables come after the records. */
function resolveKeys(encoded: EncodedUserRecord, index: number, keys: string[], hashKeys: string[]): UserRecord {
  const partitionKey = keys[encoded.keyIndex];
  if (partitionKey === undefined) throw new Error(`user record ${index} names partition key ${encoded.keyIndex} of ${keys.length}`);
  const explicitHashKey = encoded.hashKeyIndex === null ? null : hashKeys[encoded.hashKeyIndex];
  if (explicitHashKey === undefined) throw new Error(`user record ${index} names hash key ${encoded.hashKeyIndex} of ${hashKeys.length}`);
  return { partitionKey, explicitHashKey, subSequenceNumber: index, data: encoded.data };
}

/**
 * Splits a KPL aggregate into its user records, checking its MD5. More than `maxUserRecords`
 * is refused from a count of the tags, before a single record is built.
 */
export function deaggregate(data: Uint8Array, maxUserRecords: number): Deaggregated {
  const envelope = aggregateBody(data);
  if (!envelope.ok) return envelope;
  try {
    const counts = countFields(envelope.body);
    if (counts.records > maxUserRecords) {
      return { ok: false, reason: `a KPL aggregate of ${counts.records} user records (more than ${maxUserRecords}) is shown raw` };
    }
    const keys: string[] = [];
    const hashKeys: string[] = [];
    const encoded: EncodedUserRecord[] = [];
    const reader = Reader.create(envelope.body);
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const field = tag >>> 3;
      if (field === FIELD.partitionKeyTable) keys.push(reader.string());
      else if (field === FIELD.explicitHashKeyTable) hashKeys.push(reader.string());
      else if (field === FIELD.records) {
        const length = reader.uint32();
        encoded.push(readUserRecord(reader, reader.pos + length, encoded.length));
      } else reader.skipType(tag & 7);
    }
    return { ok: true, records: encoded.map((record, index) => resolveKeys(record, index, keys, hashKeys)) };
  } catch (error) {
    return corrupt(message(error));
  }
}

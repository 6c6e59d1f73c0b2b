import { createHash } from 'node:crypto';

/**
 * The KPL aggregation format (amazon-kinesis-producer, aggregation-format.md): the magic number,
 * a protobuf AggregatedRecord, then the MD5 of that protobuf. The message, read and written field
 * by field with protobufjs's Reader and Writer in deaggregate.ts and aggregate-builder.ts:
 *
 *   AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 *                      repeated Record records = 3; }
 *   Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
 *            required bytes data = 3; repeated Tag tags = 4; }
 */
export const KPL_MAGIC = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);
export const MD5_BYTES = 16;

/** Field numbers and the one wire type (length-delimited) the outer message's fields use. */
export const FIELD = { partitionKeyTable: 1, explicitHashKeyTable: 2, records: 3 } as const;
export const RECORD_FIELD = { partitionKeyIndex: 1, explicitHashKeyIndex: 2, data: 3 } as const;
export const VARINT = 0;
export const LENGTH_DELIMITED = 2;

export const tagOf = (field: number, wireType: number) => ((field << 3) | wireType) >>> 0;

export function isAggregated(data: Uint8Array): boolean {
  // Magic, at least an empty protobuf, and the 16-byte MD5.
  return data.length >= KPL_MAGIC.length + MD5_BYTES && Buffer.from(data.buffer, data.byteOffset, 4).equals(KPL_MAGIC);
}

/** The protobuf between the magic and the MD5, once the MD5 matches; a reason when it does not. */
export function aggregateBody(data: Uint8Array): { ok: true; body: Buffer } | { ok: false; reason: string } {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  if (!isAggregated(bytes)) return { ok: false, reason: 'corrupt KPL aggregate: it does not start with the KPL magic number' };
  const body = bytes.subarray(KPL_MAGIC.length, bytes.length - MD5_BYTES);
  const checksum = bytes.subarray(bytes.length - MD5_BYTES);
  if (!createHash('md5').update(body).digest().equals(checksum)) {
    return { ok: false, reason: 'corrupt KPL aggregate: Invalid record checksum' };
  }
  return { ok: true, body };
}

/** The whole aggregate around a finished protobuf. */
export function wrapBody(body: Uint8Array): Buffer {
  return Buffer.concat([KPL_MAGIC, body, createHash('md5').update(body).digest()]);
}

/** Bytes a varint of this value takes. */
export function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    size += 1;
  }
  return size;
}

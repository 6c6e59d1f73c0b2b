import protobuf from 'protobufjs/minimal.js';
import { FIELD, KPL_MAGIC, LENGTH_DELIMITED, MD5_BYTES, RECORD_FIELD, tagOf, VARINT, varintSize, wrapBody } from './kpl-format';

// protobufjs is CommonJS: Node's ESM loader gives its exports on the default object only.
const { Writer } = protobuf;

/**
 * Room for the protobuf in one Kinesis record: 1 MiB less the magic and the MD5, and less the
 * longest partition key (256 bytes), since Kinesis counts the key against the record's 1 MiB.
 */
export const MAX_AGGREGATE_BODY_BYTES = 1024 * 1024 - KPL_MAGIC.length - MD5_BYTES - 256;

export interface AggregatorInput {
  partitionKey: string;
  data: Buffer;
}

const lengthDelimitedSize = (length: number) => 1 + varintSize(length) + length;
/** A user record's message: the key index (a varint, the same bytes as the uint64 of the schema) and the data. */
const innerSize = (keyIndex: number, dataLength: number) => 1 + varintSize(keyIndex) + lengthDelimitedSize(dataLength);

/**
 * One KPL aggregate being filled, the way the KPL fills it: each partition key once in the table,
 * user records pointing at it, and the exact encoded size known before a record is added.
 */
export class AggregateBuilder {
  private keys = new Map<string, number>();
  private records: { keyIndex: number; data: Buffer }[] = [];
  private bodyBytes = 0;

  get length(): number {
    return this.records.length;
  }

  /** Bytes the protobuf grows by with this record. */
  private growth(record: AggregatorInput): number {
    const known = this.keys.get(record.partitionKey);
    const keyIndex = known ?? this.keys.size;
    const keyEntry = known === undefined ? lengthDelimitedSize(Buffer.byteLength(record.partitionKey)) : 0;
    return keyEntry + lengthDelimitedSize(innerSize(keyIndex, record.data.length));
  }

  fits(record: AggregatorInput): boolean {
    return this.bodyBytes + this.growth(record) <= MAX_AGGREGATE_BODY_BYTES;
  }

  add(record: AggregatorInput): void {
    if (!this.fits(record)) throw new Error(`a user record of ${record.data.length} bytes does not fit this aggregate`);
    this.bodyBytes += this.growth(record);
    let keyIndex = this.keys.get(record.partitionKey);
    if (keyIndex === undefined) {
      keyIndex = this.keys.size;
      this.keys.set(record.partitionKey, keyIndex);
    }
    this.records.push({ keyIndex, data: record.data });
  }

  /** The finished aggregate (magic, protobuf, MD5), and an empty builder for the next. */
  build(): Buffer {
    const writer = Writer.create();
    for (const key of this.keys.keys()) writer.uint32(tagOf(FIELD.partitionKeyTable, LENGTH_DELIMITED)).string(key);
    for (const record of this.records) {
      // The length is known, so no fork(): it would buffer each record twice.
      writer.uint32(tagOf(FIELD.records, LENGTH_DELIMITED)).uint32(innerSize(record.keyIndex, record.data.length));
      writer.uint32(tagOf(RECORD_FIELD.partitionKeyIndex, VARINT)).uint32(record.keyIndex);
      writer.uint32(tagOf(RECORD_FIELD.data, LENGTH_DELIMITED)).bytes(record.data);
    }
    const body = writer.finish();
    this.keys = new Map();
    this.records = [];
    this.bodyBytes = 0;
    return wrapBody(body);
  }
}

import { createHash } from 'node:crypto';
import protobuf from 'protobufjs';

// The schema as the KPL publishes it (amazon-kinesis-producer, aggregation-format.md), decoded by
// protobufjs's reflection: a reader independent of Shardscope's hand-walked one in main/domain/kpl.
const KPL_PROTO = `
syntax = "proto2";
message AggregatedRecord {
  repeated string partition_key_table = 1;
  repeated string explicit_hash_key_table = 2;
  repeated Record records = 3;
}
message Tag { required string key = 1; optional string value = 2; }
message Record {
  required uint64 partition_key_index = 1;
  optional uint64 explicit_hash_key_index = 2;
  required bytes data = 3;
  repeated Tag tags = 4;
}`;
const AggregatedRecord = protobuf.parse(KPL_PROTO, { keepCase: true }).root.lookupType('AggregatedRecord');
const MAGIC = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);

interface ReferenceAggregate {
  partition_key_table: string[];
  records: { partition_key_index: number | { toNumber(): number }; data: Uint8Array }[];
}

/** The user records of a KPL aggregate; throws on a wrong magic number or MD5. */
export function referenceDeaggregate(data: Buffer): { partitionKey: string; data: Buffer }[] {
  if (!data.subarray(0, 4).equals(MAGIC)) throw new Error('no KPL magic number');
  const body = data.subarray(4, data.length - 16);
  if (
    !createHash('md5')
      .update(body)
      .digest()
      .equals(data.subarray(data.length - 16))
  )
    throw new Error('MD5 mismatch');
  const message = AggregatedRecord.decode(body) as unknown as ReferenceAggregate;
  return message.records.map((record) => {
    const index = record.partition_key_index;
    return {
      partitionKey: message.partition_key_table[typeof index === 'number' ? index : index.toNumber()]!,
      data: Buffer.from(record.data),
    };
  });
}

/** An aggregate from a message in the schema's own field names, by protobufjs's reflection. */
export function referenceAggregate(message: Record<string, unknown>): Buffer {
  const body = AggregatedRecord.encode(AggregatedRecord.fromObject(message)).finish();
  return Buffer.concat([MAGIC, body, createHash('md5').update(body).digest()]);
}

/**
 * What a user record is on the wire, as an engine reading the stream would meet it: plain JSON,
 * text or bytes, compressed, or framed by a schema registry with its schema's format.
 */
export const recordKinds = ['json', 'text', 'binary', 'compressed', 'avro', 'protobuf', 'json-schema'] as const;
export type RecordKind = (typeof recordKinds)[number];

interface KindFields {
  compression: 'gzip' | 'zlib' | null;
  encoding: 'json' | 'text' | 'binary';
  schema?: { format: 'AVRO' | 'PROTOBUF' | 'JSON' } | null;
}

const schemaKinds = { AVRO: 'avro', PROTOBUF: 'protobuf', JSON: 'json-schema' } as const;

export function recordKind(record: KindFields): RecordKind {
  if (record.schema) return schemaKinds[record.schema.format];
  // Compressed JSON is JSON to Shardscope, but bytes to an engine's JSON reader.
  if (record.compression) return 'compressed';
  return record.encoding;
}

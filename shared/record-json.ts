/** The schema a record was decoded with, as JSON output names it. */
export interface RecordSchemaJson {
  registry: string;
  name: string;
  version: number | null;
  id: string;
  format: 'AVRO' | 'PROTOBUF' | 'JSON';
}

/**
 * One user record as `tail --json` prints it and a JSON Lines run writes it: data is the parsed
 * JSON, the text, or base64 of the bytes; subSequenceNumber only for KPL user records; schema
 * only for a record decoded by its schema (data is then the decoded value).
 */
export interface RecordJson {
  shardId: string;
  sequenceNumber: string;
  subSequenceNumber?: number;
  partitionKey: string;
  arrivalTime: string;
  size: number;
  compression: 'gzip' | 'zlib' | null;
  encoding: 'json' | 'text' | 'binary';
  data: unknown;
  schema?: RecordSchemaJson;
}

/** A decoded record as main reads it: value is the parsed JSON, the text, or (binary) the bytes. */
export interface RecordJsonSource extends Omit<RecordJson, 'subSequenceNumber' | 'data' | 'schema'> {
  subSequenceNumber: number | null;
  value: unknown;
  schema?: RecordSchemaJson | null;
}

type NodeBuffer = { from(bytes: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string } };

function base64Of(bytes: Uint8Array): string {
  // Node's Buffer where there is one (main writes runs of binary records with this), a view on the same memory.
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (buffer) return buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
}

/** Just the five fields, whatever else the source's object carries. */
function schemaJson(schema: RecordSchemaJson): RecordSchemaJson {
  return { registry: schema.registry, name: schema.name, version: schema.version, id: schema.id, format: schema.format };
}

/**
 * The fields every record's JSON carries, around data already in its printed form. The one
 * shape for `tail --json`, `search --json` and JSON Lines runs, whichever form the record arrives in.
 */
export function recordJsonWith(record: Omit<RecordJsonSource, 'value'>, data: unknown): RecordJson {
  return {
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    ...(record.subSequenceNumber !== null ? { subSequenceNumber: record.subSequenceNumber } : {}),
    partitionKey: record.partitionKey,
    arrivalTime: record.arrivalTime,
    size: record.size,
    compression: record.compression,
    encoding: record.encoding,
    data,
    ...(record.schema ? { schema: schemaJson(record.schema) } : {}),
  };
}

export function toRecordJson(record: RecordJsonSource): RecordJson {
  return recordJsonWith(record, record.encoding === 'binary' ? base64Of(record.value as Uint8Array) : record.value);
}

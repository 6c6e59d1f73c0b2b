/**
 * One user record as `tail --json` prints it and a JSON Lines run writes it: data is the parsed
 * JSON, the text, or base64 of the bytes; subSequenceNumber only for KPL user records.
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
}

/** A decoded record as main reads it: value is the parsed JSON, the text, or (binary) the bytes. */
export interface RecordJsonSource extends Omit<RecordJson, 'subSequenceNumber' | 'data'> {
  subSequenceNumber: number | null;
  value: unknown;
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

export function toRecordJson(record: RecordJsonSource): RecordJson {
  return {
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    ...(record.subSequenceNumber !== null ? { subSequenceNumber: record.subSequenceNumber } : {}),
    partitionKey: record.partitionKey,
    arrivalTime: record.arrivalTime,
    size: record.size,
    compression: record.compression,
    encoding: record.encoding,
    data: record.encoding === 'binary' ? base64Of(record.value as Uint8Array) : record.value,
  };
}

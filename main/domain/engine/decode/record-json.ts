import type { DecodedRecord } from './record';

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
  compression: DecodedRecord['compression'];
  encoding: DecodedRecord['encoding'];
  data: unknown;
}

export function toRecordJson(record: DecodedRecord): RecordJson {
  return {
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    ...(record.subSequenceNumber !== null ? { subSequenceNumber: record.subSequenceNumber } : {}),
    partitionKey: record.partitionKey,
    arrivalTime: record.arrivalTime,
    size: record.size,
    compression: record.compression,
    encoding: record.encoding,
    data: record.encoding === 'binary' ? (record.value as Buffer).toString('base64') : record.value,
  };
}

import type { PreviewRecord } from '../../../../shared/contract';
import type { DecodedRecord } from './record';

/** What one record may weigh on its way to the renderer; the rest is fetched on demand. */
export const PREVIEW_LIMIT = 16 * 1024;

export function recordId(shardId: string, sequenceNumber: string, subSequenceNumber: number | null): string {
  return `${shardId}/${sequenceNumber}/${subSequenceNumber ?? ''}`;
}

/**
 * A decoded record as the renderer gets it: the JSON value when small, else its text; a record's
 * text is left out when it would only repeat the value's JSON (half of a JSON record's weight on
 * the wire). `withRaw: false` leaves a decoded record's bytes out too, for the live preview.
 */
export function toPreviewRecord(record: DecodedRecord, limit = PREVIEW_LIMIT, withRaw = true): PreviewRecord {
  let text: string;
  let json: unknown;
  if (record.encoding === 'json') {
    text = JSON.stringify(record.value);
    if (text.length <= limit) json = record.value;
  } else if (record.encoding === 'text') {
    text = record.value as string;
  } else {
    const bytes = record.value as Buffer;
    text = bytes.subarray(0, Math.floor((limit * 3) / 4)).toString('base64');
  }
  const truncated = record.encoding === 'binary' ? (record.value as Buffer).length > Math.floor((limit * 3) / 4) : text.length > limit;
  return {
    id: recordId(record.shardId, record.sequenceNumber, record.subSequenceNumber),
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    subSequenceNumber: record.subSequenceNumber,
    partitionKey: record.partitionKey,
    arrivalTime: record.arrivalTime,
    size: record.size,
    compression: record.compression,
    encoding: record.encoding,
    ...(json !== undefined ? { json } : {}),
    ...(json === undefined ? { text: truncated && record.encoding !== 'binary' ? text.slice(0, limit) : text } : {}),
    truncated,
    error: record.error,
    ...(record.schema ? { schema: record.schema } : {}),
    ...(record.unionBranches ? { unionBranches: record.unionBranches } : {}),
    ...(record.masked ? { masked: true } : {}),
    ...(record.schema && withRaw && !record.masked
      ? { raw: record.bytes.subarray(0, Math.floor((limit * 3) / 4)).toString('base64') }
      : {}),
  };
}

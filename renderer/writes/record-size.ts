import { MAX_PUT_TEXT, MAX_RECORD_BYTES } from '../../shared/contract/writes';

const number = new Intl.NumberFormat('en-US');

/** The bytes Kinesis will count for the record as typed, before any gzip. */
export function typedRecordBytes(data: string, encoding: 'json' | 'text' | 'base64', partitionKey: string): number {
  const keyBytes = new TextEncoder().encode(partitionKey).byteLength;
  if (encoding !== 'base64') return new TextEncoder().encode(data).byteLength + keyBytes;
  const digits = data.replace(/[\s=]/g, '').length;
  return Math.floor((digits * 3) / 4) + keyBytes;
}

/**
 * Why this record cannot be put, said before anything is sent. Gzipped, only the text's length is
 * known here: the compressed size is checked where the record is made.
 */
export function recordSizeProblem(data: string, encoding: 'json' | 'text' | 'base64', gzip: boolean, partitionKey: string): string | null {
  if (data.length > MAX_PUT_TEXT)
    return `This text is ${number.format(data.length)} characters; a record is at most ${number.format(MAX_PUT_TEXT)} (1 MiB in base64).`;
  if (gzip) return null;
  const bytes = typedRecordBytes(data, encoding, partitionKey);
  if (bytes <= MAX_RECORD_BYTES) return null;
  return `This record is ${number.format(bytes)} bytes with its partition key; Kinesis takes at most ${number.format(MAX_RECORD_BYTES)} (1 MiB). Shorten it or turn on gzip.`;
}

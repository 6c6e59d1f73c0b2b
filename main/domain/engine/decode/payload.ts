import { isUtf8 } from 'node:buffer';
import { gunzipSync, inflateSync } from 'node:zlib';

export type Encoding = 'json' | 'text' | 'binary';
export type Compression = 'gzip' | 'zlib' | null;

export interface DecodedPayload {
  compression: Compression;
  encoding: Encoding;
  /** The parsed JSON value, the text, or the bytes (binary). */
  value: unknown;
  /** The bytes after decompression. */
  bytes: Buffer;
  /** Why the payload is shown raw although it looked like something else. */
  error: string | null;
}

const GZIP = [0x1f, 0x8b];
/** A record is at most 10 MiB in Kinesis; what inflates past this is a bomb, shown raw. */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/** Deeper JSON is legal but no one writes it by hand; printers, trees and filters recurse over it. */
export const MAX_JSON_DEPTH = 128;

/**
 * How many bytes inflation may still produce for one Kinesis record. The user records of one KPL
 * aggregate share it, so a megabyte of small gzip bombs cannot add up to gigabytes.
 */
export interface InflateBudget {
  remaining: number;
}

export const inflateBudget = (): InflateBudget => ({ remaining: MAX_INFLATED_BYTES });
const tooBig = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isZlibHeader(bytes: Buffer): boolean {
  // RFC 1950: deflate method 8, window ≤ 32K, and the header checksum.
  return bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && bytes[0]! >> 4 <= 7 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;
}

function mostlyAscii(bytes: Buffer): boolean {
  let printable = 0;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte >= 0x20 && byte < 0x7f) printable++;
  }
  return printable >= bytes.length * 0.9;
}

/** Printable enough to be read as text: no NUL, and control characters rare. */
function looksTextual(text: string): boolean {
  if (text.includes('\u0000')) return false;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) control++;
  }
  return control <= text.length * 0.05;
}

/**
 * What a record's bytes are: gzip or zlib (by their headers, inflated), then JSON, text, or
 * binary. Nothing here throws: a payload that cannot be read is shown raw, with the reason.
 */
export function decodePayload(raw: Buffer, budget: InflateBudget = inflateBudget()): DecodedPayload {
  let bytes = raw;
  let compression: Compression = null;
  const limit = Math.max(1, budget.remaining);
  const overLimit =
    budget.remaining < MAX_INFLATED_BYTES
      ? 'it would pass the 16 MiB its Kinesis record may inflate to in all'
      : 'it inflates to more than 16 MiB';
  if (raw.length >= 2 && raw[0] === GZIP[0] && raw[1] === GZIP[1]) {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: limit });
      compression = 'gzip';
    } catch (error) {
      const reason = tooBig(error) ? overLimit : (error as Error).message;
      return { compression: null, encoding: 'binary', value: raw, bytes: raw, error: `gzip data could not be inflated: ${reason}` };
    }
  } else if (isZlibHeader(raw)) {
    try {
      bytes = inflateSync(raw, { maxOutputLength: limit });
      compression = 'zlib';
    } catch (error) {
      if (tooBig(error))
        return { compression: null, encoding: 'binary', value: raw, bytes: raw, error: `zlib data could not be inflated: ${overLimit}` };
      // A zlib-looking header is common in plain text ("x^…"): not an error, just not zlib.
    }
  }
  if (compression) budget.remaining -= bytes.length;

  // Checked before decoding: a thrown decode error, and text decoded only to be refused for a NUL,
  // cost every Avro or Protobuf record as much as its schema decoding.
  if (!isUtf8(bytes)) {
    return {
      compression,
      encoding: 'binary',
      value: bytes,
      bytes,
      error: mostlyAscii(bytes) ? 'not valid UTF-8, though it reads like text' : null,
    };
  }
  if (bytes.includes(0)) return { compression, encoding: 'binary', value: bytes, bytes, error: null };
  const text = utf8.decode(bytes);
  if (!looksTextual(text)) return { compression, encoding: 'binary', value: bytes, bytes, error: null };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(text);
      if (deeperThan(value, MAX_JSON_DEPTH)) {
        return {
          compression,
          encoding: 'text',
          value: text,
          bytes,
          error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels is shown as text`,
        };
      }
      return { compression, encoding: 'json', value, bytes, error: null };
    } catch (error) {
      return { compression, encoding: 'text', value: text, bytes, error: `looks like JSON but is not: ${(error as Error).message}` };
    }
  }
  return { compression, encoding: 'text', value: text, bytes, error: null };
}

/** Without recursion: the value being measured is the one that could exhaust the stack. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

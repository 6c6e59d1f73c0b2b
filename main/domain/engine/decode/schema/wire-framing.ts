import { inflateSync } from 'node:zlib';
import { MAX_INFLATED_BYTES, type InflateBudget } from '../payload';

/**
 * How a record's bytes carry a schema id (issue 26). Layouts from awslabs/aws-glue-schema-registry
 * at eed1506be00e6e4f9c910ddcbe451203b0a5b2de (GlueSchemaRegistryDeserializerDataParser,
 * SerializationDataEncoder) and confluentinc/schema-registry (SchemaId.java).
 */
export type WireFraming =
  { kind: 'gsr'; versionId: string; compressed: boolean; body: Buffer } | { kind: 'confluent'; id: number; body: Buffer };

export const GSR_HEADER_VERSION = 3;
export const GSR_COMPRESSION_NONE = 0;
export const GSR_COMPRESSION_ZLIB = 5;
export const GSR_HEADER_LENGTH = 18;
export const CONFLUENT_MAGIC = 0;
export const CONFLUENT_HEADER_LENGTH = 5;

/** Version ids by their 16 header bytes (as latin1): a stream names few versions, so each UUID is written once. */
const knownVersionIds = new Map<string, string>();
const MAX_KNOWN_VERSION_IDS = 1024;

/** Bytes 2..17: the version UUID as two big-endian longs, most significant first, so the hex in order is the UUID. */
export function gsrVersionId(bytes: Buffer): string {
  const key = bytes.toString('latin1', 2, GSR_HEADER_LENGTH);
  const known = knownVersionIds.get(key);
  if (known !== undefined) return known;
  const hex = bytes.subarray(2, GSR_HEADER_LENGTH).toString('hex');
  const versionId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  // Records of made-up ids (a corrupt stream) must not grow this without bound.
  if (knownVersionIds.size >= MAX_KNOWN_VERSION_IDS) knownVersionIds.clear();
  knownVersionIds.set(key, versionId);
  return versionId;
}

export function isGsrFramed(bytes: Buffer): boolean {
  return (
    bytes.length >= GSR_HEADER_LENGTH &&
    bytes[0] === GSR_HEADER_VERSION &&
    (bytes[1] === GSR_COMPRESSION_NONE || bytes[1] === GSR_COMPRESSION_ZLIB)
  );
}

export function isConfluentFramed(bytes: Buffer): boolean {
  return bytes.length >= CONFLUENT_HEADER_LENGTH && bytes[0] === CONFLUENT_MAGIC;
}

export class FramingError extends Error {}

/**
 * The GSR header read and its body inflated when byte 1 says zlib: the compressed block is
 * everything after the header, a Protobuf message index included. Inflation spends `budget`,
 * which the user records of one KPL aggregate share.
 */
export function readGsr(bytes: Buffer, budget: InflateBudget): WireFraming {
  const maxBody = budget.remaining;
  const versionId = gsrVersionId(bytes);
  const compressed = bytes[1] === GSR_COMPRESSION_ZLIB;
  let body = bytes.subarray(GSR_HEADER_LENGTH);
  if (compressed) {
    try {
      body = inflateSync(body, { maxOutputLength: Math.max(1, maxBody) });
      budget.remaining -= body.length;
    } catch (error) {
      const tooBig = error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new FramingError(
        tooBig
          ? `its zlib body would pass the ${MAX_INFLATED_BYTES / 1024 / 1024} MiB its Kinesis record may inflate to in all`
          : `its zlib body could not be inflated: ${(error as Error).message}`,
      );
    }
  }
  return { kind: 'gsr', versionId, compressed, body };
}

/** Magic 0, then the schema id as a big-endian signed int; a Protobuf body still starts with its message indexes. */
export function readConfluent(bytes: Buffer): WireFraming {
  return { kind: 'confluent', id: bytes.readInt32BE(1), body: bytes.subarray(CONFLUENT_HEADER_LENGTH) };
}

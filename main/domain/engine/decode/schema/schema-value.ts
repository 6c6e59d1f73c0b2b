/** Deeper than this, a decoded value is refused: every view, printer and filter recurses over it. */
export const MAX_SCHEMA_DEPTH = 128;
/** Glue keeps definitions up to 170,000 characters; a bigger text is not a schema anyone registered. */
export const MAX_DEFINITION_CHARS = 1024 * 1024;

/** A record the schema could not decode: the record stays raw, with this as the reason. */
export class SchemaDecodeError extends Error {}

/** A record's value as its schema decodes it, in the JSON every view, search and run already reads. */
export interface SchemaValue {
  value: unknown;
  /** Avro: which branch each union took, by path ($.field[0]…), for the inspector. */
  branches?: Record<string, string>;
  /** Protobuf: the message type the body was read as (its full name), which a run types columns from. */
  message?: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** Values JSON cannot hold as they are: longs past 2^53 as decimal strings, bytes as base64. */
export function jsonLeaf(value: unknown): unknown {
  if (typeof value === 'bigint') return value <= MAX_SAFE && value >= MIN_SAFE ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}

import protobuf from 'protobufjs';
import { gsrMessageNames, topLevelMessages } from './protobuf-index';
import { BASE64, describePath, fail, kindOf, SchemaEncodeError } from './schema-encode-error';
import { MAX_SCHEMA_DEPTH } from './schema-value';

const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map((name) => `.google.protobuf.${name}Value`),
);
const RANGES: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  sint32: [-(2 ** 31), 2 ** 31 - 1],
  sfixed32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  fixed32: [0, 2 ** 32 - 1],
};
const LONGS: Record<string, [bigint, bigint]> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The JSON form the decoder shows (protobuf-json.ts: field names as in the .proto, 64-bit
 * integers as numbers or decimal strings, bytes as base64, enums by name, Timestamp and Duration
 * as text, wrappers as their value) checked against the message type and turned into the object
 * protobufjs's fromObject takes. fromObject itself coerces ("abc" becomes 0), so nothing reaches
 * it unchecked.
 */
function toMessage(type: protobuf.Type, value: unknown, path: string, depth: number): Record<string, unknown> {
  if (depth > MAX_SCHEMA_DEPTH) fail(path, `the value is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
  const name = type.fullName.slice(1);
  if (type.fullName === '.google.protobuf.Timestamp' && typeof value === 'string') return timestampOf(value, path);
  if (type.fullName === '.google.protobuf.Duration' && typeof value === 'string') return durationOf(value, path);
  if (WRAPPERS.has(type.fullName) && !isObject(value)) return { value: toField(type.fields.value!, value, path, depth) };
  if (!isObject(value)) return fail(path, `expected an object (message ${name}), got ${kindOf(value)}`);
  const out: Record<string, unknown> = {};
  const oneofs = new Map<string, string>();
  for (const [key, item] of Object.entries(value)) {
    const at = describePath(path, key);
    const field = type.fields[key];
    if (!field) return fail(at, `message ${name} has no field "${key}"`);
    if (item === null) continue;
    if (field.partOf) {
      const other = oneofs.get(field.partOf.name);
      if (other) fail(at, `"${key}" and "${other}" are both set, but they are one of ${field.partOf.name}`);
      oneofs.set(field.partOf.name, key);
    }
    out[key] = toFieldValue(field, item, at, depth);
  }
  return out;
}

function toFieldValue(field: protobuf.Field, value: unknown, path: string, depth: number): unknown {
  if (field.map) {
    if (!isObject(value)) return fail(path, `expected an object (map), got ${kindOf(value)}`);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toField(field, item, describePath(path, key), depth)]));
  }
  if (field.repeated) {
    if (!Array.isArray(value)) return fail(path, `expected an array, got ${kindOf(value)}`);
    return value.map((item, at) => toField(field, item, `${path}[${at}]`, depth));
  }
  return toField(field, value, path, depth);
}

function toField(field: protobuf.Field, value: unknown, path: string, depth: number): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return toMessage(resolved, value, path, depth + 1);
  if (resolved instanceof protobuf.Enum) {
    if (typeof value === 'string' && Object.hasOwn(resolved.values, value)) return value;
    if (Number.isInteger(value) && Object.values(resolved.values).includes(value as number)) return value;
    return fail(path, `expected one of ${Object.keys(resolved.values).join(', ')}, got ${kindOf(value)}`);
  }
  const scalar = field.type;
  if (scalar in RANGES) {
    const [min, max] = RANGES[scalar]!;
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? value
      : fail(path, `expected a whole number from ${min} to ${max} (${scalar}), got ${kindOf(value)}`);
  }
  if (scalar in LONGS) {
    const [min, max] = LONGS[scalar]!;
    const long = Number.isSafeInteger(value)
      ? BigInt(value as number)
      : typeof value === 'string' && /^-?\d{1,20}$/.test(value)
        ? BigInt(value)
        : null;
    if (long === null || long < min || long > max)
      fail(path, `expected a whole number (${scalar}; past 2^53 as a decimal string), got ${kindOf(value)}`);
    // fromObject reads a decimal string into a Long without losing digits.
    return long!.toString();
  }
  switch (scalar) {
    case 'double':
    case 'float':
      return typeof value === 'number' ? value : fail(path, `expected a number (${scalar}), got ${kindOf(value)}`);
    case 'bool':
      return typeof value === 'boolean' ? value : fail(path, `expected true or false, got ${kindOf(value)}`);
    case 'string':
      return typeof value === 'string' ? value : fail(path, `expected a string, got ${kindOf(value)}`);
    case 'bytes':
      return typeof value === 'string' && BASE64.test(value) ? value : fail(path, `expected bytes in base64, got ${kindOf(value)}`);
    default:
      return fail(path, `the field's type ${scalar} cannot be written`);
  }
}

function timestampOf(text: string, path: string): Record<string, unknown> {
  const match = TIMESTAMP.exec(text);
  const millis = match ? Date.parse(`${match[1]}${match[3]}`) : NaN;
  if (!match || Number.isNaN(millis))
    return fail(path, `expected an RFC 3339 time such as 2024-01-31T12:00:00Z, got ${JSON.stringify(text)}`);
  return { seconds: String(millis / 1000), nanos: Number((match[2] ?? '').padEnd(9, '0')) };
}

function durationOf(text: string, path: string): Record<string, unknown> {
  const match = DURATION.exec(text);
  if (!match) return fail(path, `expected a duration such as 1.5s, got ${JSON.stringify(text)}`);
  const sign = match[1] ? -1 : 1;
  return { seconds: `${match[1]}${match[2]}`, nanos: sign * Number((match[3] ?? '').padEnd(9, '0')) };
}

export interface ProtobufEncoder {
  /** The message type written. */
  type: protobuf.Type;
  /** Its place in GSR's sorted list of the file's messages (MessageIndexFinder): the varint after a GSR header. */
  gsrIndex: number;
  /** Its path in declaration order (Confluent's message indexes). */
  confluentPath: number[];
  encode(value: unknown): Buffer;
}

/** The Confluent path of a type: its index among its parent's messages, down from the file's top level. */
function confluentPathOf(fileRoot: protobuf.NamespaceBase, fullName: string): number[] {
  const path: number[] = [];
  let candidates = topLevelMessages(fileRoot);
  for (;;) {
    const at = candidates.findIndex((type) => fullName === type.fullName || fullName.startsWith(`${type.fullName}.`));
    if (at < 0) throw new SchemaEncodeError('$', `${fullName.slice(1)} is not a message of the schema's own file`);
    path.push(at);
    if (candidates[at]!.fullName === fullName) return path;
    candidates = candidates[at]!.nestedArray.filter((nested): nested is protobuf.Type => nested instanceof protobuf.Type);
  }
}

/**
 * A Protobuf encoder for one message type of a schema: `message` names it, else the file's one
 * top-level message. `fileRoot` holds the file's own types, which GSR's index and Confluent's
 * paths count.
 */
export function compileProtobufEncoder(root: protobuf.Root, fileRoot: protobuf.NamespaceBase, message?: string): ProtobufEncoder {
  const tops = topLevelMessages(fileRoot);
  let type: protobuf.Type;
  if (message) {
    try {
      type = root.lookupType(message);
    } catch {
      throw new SchemaEncodeError('$', `the schema has no message type ${message}`);
    }
  } else if (tops.length === 1) type = root.lookupType(tops[0]!.fullName);
  else
    throw new SchemaEncodeError(
      '$',
      `the schema has ${tops.length} message types (${tops.map((t) => t.fullName.slice(1)).join(', ')}): name the one to write`,
    );
  const gsrIndex = gsrMessageNames(fileRoot).indexOf(type.fullName.slice(1));
  return {
    type,
    gsrIndex,
    confluentPath: gsrIndex < 0 ? [] : confluentPathOf(fileRoot, type.fullName),
    encode(value) {
      const object = toMessage(type, value, '$', 0);
      return Buffer.from(type.encode(type.fromObject(object)).finish());
    },
  };
}

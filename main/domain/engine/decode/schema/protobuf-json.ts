import protobuf from 'protobufjs';
import { MAX_SCHEMA_DEPTH, SchemaDecodeError } from './schema-value';

const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map((name) => `.google.protobuf.${name}Value`),
);

/** Protobuf's JSON form keeps 0, 3, 6 or 9 fraction digits. */
function fraction(nanos: number): string {
  if (nanos === 0) return '';
  const digits = String(nanos).padStart(9, '0');
  return `.${digits.endsWith('000000') ? digits.slice(0, 3) : digits.endsWith('000') ? digits.slice(0, 6) : digits}`;
}

function timestamp(object: { seconds?: string | number; nanos?: number }): string {
  const seconds = Number(object.seconds ?? 0);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new SchemaDecodeError(`a Timestamp of ${seconds} s is outside the dates JSON can show`);
  return `${date.toISOString().slice(0, 19)}${fraction(object.nanos ?? 0)}Z`;
}

function duration(object: { seconds?: string | number; nanos?: number }): string {
  const seconds = BigInt(object.seconds ?? 0);
  const nanos = object.nanos ?? 0;
  const negative = seconds < 0n || nanos < 0;
  const whole = seconds < 0n ? -seconds : seconds;
  return `${negative ? '-' : ''}${whole}${fraction(Math.abs(nanos))}s`;
}

/**
 * A message as toObject gave it, with the well-known types in their canonical JSON forms
 * (Timestamp as an RFC 3339 string, Duration as "1.5s", wrappers as their value), so a record
 * reads as its producer's JSON would.
 */
export function protoJson(type: protobuf.Type, object: Record<string, unknown>, depth: number): unknown {
  if (depth > MAX_SCHEMA_DEPTH) throw new SchemaDecodeError(`the value is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
  if (type.fullName === '.google.protobuf.Timestamp') return timestamp(object);
  if (type.fullName === '.google.protobuf.Duration') return duration(object);
  if (WRAPPERS.has(type.fullName)) return object.value;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const field = type.fields[key];
    const nested = field?.resolvedType;
    if (!(nested instanceof protobuf.Type) || value === null || value === undefined) {
      out[key] = value;
      continue;
    }
    const convert = (item: unknown) => protoJson(nested, item as Record<string, unknown>, depth + 1);
    if (field!.map) out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convert(v)]));
    else if (field!.repeated) out[key] = (value as unknown[]).map(convert);
    else out[key] = convert(value);
  }
  return out;
}

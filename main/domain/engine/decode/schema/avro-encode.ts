import type { Type } from 'avsc';
import type avro from 'avsc';
import { parseAvro } from './avro-codec';
import { BASE64, describePath, fail, kindOf, SchemaEncodeError } from './schema-encode-error';
import { MAX_SCHEMA_DEPTH } from './schema-value';

type Fielded = Type & { fields?: { name: string; type: Type; defaultValue(): unknown }[]; name?: string };
type Composite = Type & { types?: Type[]; itemsType?: Type; valuesType?: Type; symbols?: string[]; size?: number };

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_TEXT = /^-?\d{1,19}$/;

/**
 * The JSON form a record is shown in (what the decoder gives: unions unwrapped, longs past 2^53
 * as strings, bytes and fixed as base64, logical types as text) turned back into the value avsc
 * writes, with the path of the first value that does not fit. Nothing is coerced: a string where
 * a number belongs is refused, and a field the schema lacks is refused rather than dropped.
 */
function toAvro(type: Type, value: unknown, path: string, depth: number): unknown {
  if (depth > MAX_SCHEMA_DEPTH) fail(path, `the value is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
  const composite = type as Composite & Fielded;
  const name = type.typeName;
  if (name === 'union:wrapped') return toUnion(composite, value, path, depth);
  if (name.startsWith('logical:')) {
    // Each logical type's _toValue (avro-types.ts) reads the text form; isValid runs it.
    if (!type.isValid(value)) fail(path, `${kindOf(value)} is not a ${name.slice('logical:'.length)} value`);
    return value;
  }
  switch (name) {
    case 'null':
      return value === null ? null : fail(path, `expected null, got ${kindOf(value)}`);
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(path, `expected true or false, got ${kindOf(value)}`);
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX
        ? value
        : fail(path, `expected a whole number from ${INT_MIN} to ${INT_MAX} (int), got ${kindOf(value)}`);
    case 'long':
    case 'abstract:long': {
      // avsc's own long (a number, safe to 2^53) or the BigInt one the decoder registers.
      const asLong = (long: bigint) => (type.isValid(0n) ? long : Number(long));
      if (Number.isSafeInteger(value)) return asLong(BigInt(value as number));
      if (typeof value === 'string' && LONG_TEXT.test(value)) {
        const long = BigInt(value);
        if (long >= -(2n ** 63n) && long < 2n ** 63n && (type.isValid(0n) || Number.isSafeInteger(Number(long)))) return asLong(long);
      }
      return fail(path, `expected a whole number (long; past 2^53 as a decimal string), got ${kindOf(value)}`);
    }
    case 'float':
    case 'double':
      return typeof value === 'number' ? value : fail(path, `expected a number (${name}), got ${kindOf(value)}`);
    case 'string':
      return typeof value === 'string' ? value : fail(path, `expected a string, got ${kindOf(value)}`);
    case 'bytes':
    case 'fixed':
      return toBytes(composite, value, path);
    case 'enum':
      return typeof value === 'string' && composite.symbols!.includes(value)
        ? value
        : fail(path, `expected one of ${composite.symbols!.join(', ')}, got ${kindOf(value)}`);
    case 'array':
      if (!Array.isArray(value)) fail(path, `expected an array, got ${kindOf(value)}`);
      return (value as unknown[]).map((item, at) => toAvro(composite.itemsType!, item, `${path}[${at}]`, depth + 1));
    case 'map':
      if (!isObject(value)) fail(path, `expected an object (map), got ${kindOf(value)}`);
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [
          key,
          toAvro(composite.valuesType!, item, describePath(path, key), depth + 1),
        ]),
      );
    case 'record':
    case 'error':
      return toRecord(composite, value, path, depth);
    default:
      return fail(path, `the schema's type ${name} cannot be written`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function toBytes(type: Composite, value: unknown, path: string): Buffer {
  const what = type.typeName === 'fixed' ? `${type.size} bytes (fixed) in base64` : 'bytes in base64';
  if (typeof value !== 'string' || !BASE64.test(value)) return fail(path, `expected ${what}, got ${kindOf(value)}`);
  const bytes = Buffer.from(value, 'base64');
  if (type.typeName === 'fixed' && bytes.length !== type.size) fail(path, `expected ${what}, got ${bytes.length} bytes`);
  return bytes;
}

function toRecord(type: Fielded, value: unknown, path: string, depth: number): Record<string, unknown> {
  if (!isObject(value)) return fail(path, `expected an object (record ${type.name}), got ${kindOf(value)}`);
  const known = new Set(type.fields!.map((field) => field.name));
  const stray = Object.keys(value).find((key) => !known.has(key));
  if (stray !== undefined) fail(describePath(path, stray), `record ${type.name} has no field "${stray}"`);
  const out: Record<string, unknown> = {};
  for (const field of type.fields!) {
    const at = describePath(path, field.name);
    if (value[field.name] === undefined) {
      const fallback = field.defaultValue();
      if (fallback === undefined) fail(at, `the field is required (it has no default)`);
      out[field.name] = fallback;
    } else out[field.name] = toAvro(field.type, value[field.name], at, depth + 1);
  }
  return out;
}

/**
 * A union takes its value as it is (the first branch it fits, in the schema's order) or, for a
 * value two branches could take, in Avro's JSON form {"branch name": value}.
 */
function toUnion(type: Composite, value: unknown, path: string, depth: number): unknown {
  const branches = type.types!;
  if (value === null) {
    if (branches.some((branch) => branch.typeName === 'null')) return null;
    return fail(path, 'expected a value: the union has no null branch');
  }
  for (const branch of branches) {
    if (branch.typeName === 'null') continue;
    try {
      return { [branch.branchName!]: toAvro(branch, value, path, depth + 1) };
    } catch (error) {
      if (!(error instanceof SchemaEncodeError)) throw error;
    }
  }
  if (isObject(value) && Object.keys(value).length === 1) {
    const [label, inner] = Object.entries(value)[0]!;
    const branch = branches.find((candidate) => candidate.branchName === label);
    if (branch) return { [label]: toAvro(branch, inner, path, depth + 1) };
  }
  const names = branches.map((branch) => branch.branchName).join(', ');
  return fail(path, `${kindOf(value)} fits no branch of the union (${names})`);
}

export interface AvroEncoder {
  encode(value: unknown): Buffer;
}

/** Avro binary of one datum with the writer schema, as AWS's AvroSerializer writes it (no container, no fingerprint). */
export function compileAvroEncoder(definition: string): AvroEncoder {
  const type: avro.Type = parseAvro(definition);
  return {
    encode(value) {
      const datum = toAvro(type, value, '$', 0);
      try {
        return type.toBuffer(datum);
      } catch (error) {
        throw new SchemaEncodeError('$', `the value cannot be written with the schema: ${(error as Error).message}`);
      }
    },
  };
}

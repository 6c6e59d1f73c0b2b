import { columnOf } from '../formats/output-file';

/**
 * What an Avro reader gives a record whose writer lacks a field: the field's default, at the top
 * level and inside nested records. Kept as the decoded JSON value would hold it.
 */
export interface FieldDefaults {
  /** Field name to its default (at the top level, the column name: `data_data` for `data`). */
  readonly values: ReadonlyMap<string, unknown>;
  /** Field name to the defaults inside it, for a field that is a record, or null or a record. */
  readonly nested: ReadonlyMap<string, FieldDefaults>;
}

export const NO_DEFAULTS: FieldDefaults = { values: new Map(), nested: new Map() };

/** As deep as typed columns go: a recursive record is JSON text below this, and has no defaults there. */
const MAX_DEPTH = 16;
const PLAIN = new Set(['string', 'int', 'long', 'float', 'double', 'boolean', 'null']);

type AvroType = string | AvroType[] | { type: string; name?: string; namespace?: string; fields?: AvroField[] };
interface AvroField {
  name: string;
  type: AvroType;
  default?: unknown;
}

/** The defaults of a writer's schema, from its JSON definition. */
export function avroDefaultsOf(definition: string): FieldDefaults {
  const named = new Map<string, AvroType>();
  const top = JSON.parse(definition) as AvroType;
  return defaultsOfRecord(resolve(top, named), named, 0, columnOf) ?? NO_DEFAULTS;
}

/** A named type's definition, registered as it is met (Avro defines a name before it is used). */
function resolve(type: AvroType, named: Map<string, AvroType>): AvroType {
  if (typeof type === 'string') return named.get(type) ?? type;
  if (!Array.isArray(type) && type.name) {
    named.set(type.name, type);
    if (type.namespace) named.set(`${type.namespace}.${type.name}`, type);
  }
  return type;
}

function defaultsOfRecord(
  type: AvroType,
  named: Map<string, AvroType>,
  depth: number,
  nameOf: (name: string) => string = (name) => name,
): FieldDefaults | null {
  if (depth >= MAX_DEPTH || typeof type !== 'object' || Array.isArray(type) || type.type !== 'record') return null;
  const values = new Map<string, unknown>();
  const nested = new Map<string, FieldDefaults>();
  for (const field of type.fields ?? []) {
    const fieldType = resolve(field.type, named);
    const branches = Array.isArray(fieldType) ? fieldType.map((branch) => resolve(branch, named)) : [fieldType];
    if ('default' in field && isDecodedAsIs(field.default, branches[0]!)) values.set(nameOf(field.name), field.default);
    // A record, or a union of null and one record: a value of it is that record's object.
    const records = branches.filter((branch) => typeof branch === 'object' && !Array.isArray(branch) && branch.type === 'record');
    const others = branches.filter((branch) => branch !== 'null' && !records.includes(branch));
    if (records.length === 1 && others.length === 0) {
      const inner = defaultsOfRecord(records[0]!, named, depth + 1);
      if (inner) nested.set(nameOf(field.name), inner);
    }
  }
  return values.size || nested.size ? { values, nested } : null;
}

/** A default the decoded value would hold unchanged: null, a plain value or an enum's name (not bytes, a record or a logical type). */
function isDecodedAsIs(value: unknown, type: AvroType): boolean {
  if (value === null) return true;
  if (typeof type === 'string') return PLAIN.has(type);
  return !Array.isArray(type) && type.type === 'enum';
}

/** Defaults of two versions as one: the later one's win, as a reader of the later version reads. */
export function mergeDefaults(earlier: FieldDefaults, later: FieldDefaults): FieldDefaults {
  if (earlier === NO_DEFAULTS) return later;
  if (later === NO_DEFAULTS) return earlier;
  const nested = new Map(earlier.nested);
  for (const [name, inner] of later.nested) nested.set(name, mergeDefaults(nested.get(name) ?? NO_DEFAULTS, inner));
  return { values: new Map([...earlier.values, ...later.values]), nested };
}

/**
 * A nested record value with the defaults of the fields it lacks; the same value when it lacks
 * none, so a record of the newest version costs only the checks.
 */
export function withNestedDefaults(value: unknown, defaults: FieldDefaults | undefined): unknown {
  if (!defaults || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const object = value as Record<string, unknown>;
  let filled: Record<string, unknown> | null = null;
  // No prototype: a field may be called __proto__, and must stay a field.
  const copy = () => Object.assign(Object.create(null) as Record<string, unknown>, object);
  for (const [name, fallback] of defaults.values)
    if (!Object.hasOwn(object, name)) {
      filled ??= copy();
      filled[name] = fallback;
    }
  for (const [name, inner] of defaults.nested) {
    if (!Object.hasOwn(object, name)) continue;
    const field = withNestedDefaults(object[name], inner);
    if (field !== object[name]) {
      filled ??= copy();
      filled[name] = field;
    }
  }
  return filled ?? value;
}

import type { ParquetType } from '../../../../shared/contract/runs';

/**
 * Levels of objects and arrays a column follows; a value nested deeper is written as JSON from
 * that level down. Queries rarely reach further, and the bound keeps inference, the writer's
 * recursion and the schema small whatever a record holds.
 */
export const MAX_NESTING = 16;

/** A JSON object whose fields keep one shape: a Parquet group, queried as `total.amount`. */
export interface StructType {
  readonly kind: 'STRUCT';
  /** null: no value has typed the field yet. */
  readonly fields: ReadonlyMap<string, ColumnType | null>;
  /** Parquet leaf columns it makes, counted against the run's column cap. */
  readonly leaves: number;
}

/** A JSON array whose elements keep one shape: a Parquet LIST, queried as `items[1].sku`. */
export interface ListType {
  readonly kind: 'LIST';
  readonly element: ColumnType | null;
  readonly leaves: number;
}

export type ColumnType = ParquetType | StructType | ListType;

/** How values are typed: `nested` false is the rule of runs started before structs (every object is JSON). */
export interface Inference {
  readonly nested: boolean;
  /** The most leaf columns one column may make; a shape past it is JSON. */
  readonly cap: number;
}

export const NESTED: Inference = { nested: true, cap: Infinity };

export function leavesOf(type: ColumnType | null): number {
  return type === null || typeof type === 'string' ? 1 : type.leaves;
}

function struct(fields: Map<string, ColumnType | null>, cap: number): ColumnType {
  let leaves = 0;
  for (const type of fields.values()) leaves += leavesOf(type);
  return leaves > cap ? 'JSON' : { kind: 'STRUCT', fields, leaves: Math.max(leaves, 1) };
}

function list(element: ColumnType | null, cap: number): ColumnType {
  // Elements of varying kinds have no one Parquet type: the whole array is JSON, as documented.
  if (element === 'JSON') return 'JSON';
  const leaves = leavesOf(element);
  return leaves > cap ? 'JSON' : { kind: 'LIST', element, leaves };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The kind of a scalar, or null for null, undefined and anything nested. */
function scalarType(value: unknown): ParquetType | null {
  switch (typeof value) {
    case 'boolean':
      return 'BOOLEAN';
    case 'number':
      return Number.isSafeInteger(value) ? 'INT64' : 'DOUBLE';
    case 'string':
      return 'STRING';
    default:
      return null;
  }
}

/**
 * The type a JSON value needs. Integers are INT64, other numbers DOUBLE; an object is a STRUCT of
 * its fields' types and an array a LIST of its elements' types widened together, so a field whose
 * shape varies (within an array, or past MAX_NESTING, or past the cap) is JSON.
 */
export function typeOfValue(value: unknown, inference: Inference = NESTED, depth = 0): ColumnType | null {
  if (value === null || value === undefined) return null;
  const scalar = scalarType(value);
  if (scalar) return scalar;
  if (!inference.nested || depth >= MAX_NESTING) return 'JSON';
  if (Array.isArray(value)) {
    let element: ColumnType | null = null;
    for (const item of value) {
      element = widen(element, typeOfValue(item, inference, depth + 1), inference.cap);
      if (element === 'JSON') return 'JSON';
    }
    return list(element, inference.cap);
  }
  if (!isPlainObject(value)) return 'JSON';
  const fields = new Map<string, ColumnType | null>();
  for (const name in value) {
    // Past the cap, or a name a query could not give (empty): JSON, without walking the rest.
    if (fields.size >= inference.cap || name === '') return 'JSON';
    if (Object.hasOwn(value, name)) fields.set(name, typeOfValue(value[name], inference, depth + 1));
  }
  return struct(fields, inference.cap);
}

/**
 * The one drift rule: a column widens INT64 to DOUBLE, a struct gains the fields it lacked (each
 * widened by this rule), a list widens its element; any other change of type makes it JSON,
 * which holds every value exactly. An unchanged type comes back as the same object.
 */
export function widen(current: ColumnType | null, next: ColumnType | null, cap = Infinity): ColumnType | null {
  if (current === null) return next;
  if (next === null || current === next) return current;
  if (typeof current === 'string' || typeof next === 'string') {
    if ((current === 'INT64' && next === 'DOUBLE') || (current === 'DOUBLE' && next === 'INT64')) return 'DOUBLE';
    return 'JSON';
  }
  if (current.kind === 'LIST' && next.kind === 'LIST') {
    const element = widen(current.element, next.element, cap);
    return element === current.element ? current : list(element, cap);
  }
  if (current.kind === 'STRUCT' && next.kind === 'STRUCT') {
    let fields: Map<string, ColumnType | null> | null = null;
    for (const [name, type] of next.fields) {
      const had = current.fields.has(name);
      const widened = had ? widen(current.fields.get(name)!, type, cap) : type;
      if (had && widened === current.fields.get(name)) continue;
      fields ??= new Map(current.fields);
      fields.set(name, widened);
    }
    return fields ? struct(fields, cap) : current;
  }
  return 'JSON';
}

/**
 * The type a file is written with: a field no value has typed yet is text, and a struct with no
 * fields (only `{}` seen) is JSON, as Parquet has no empty group.
 */
export function settle(type: ColumnType | null): ColumnType {
  if (type === null) return 'STRING';
  if (typeof type === 'string') return type;
  if (type.kind === 'LIST') return { ...type, element: settle(type.element) };
  if (type.fields.size === 0) return 'JSON';
  return { ...type, fields: new Map([...type.fields].map(([name, field]) => [name, settle(field)])) };
}

/** Does `value` go into a column of this settled type without changing it? */
export function fitsColumn(column: ColumnType, value: unknown): boolean {
  if (value === null || value === undefined || column === 'JSON') return true;
  if (typeof column === 'string') {
    const type = scalarType(value);
    return type === column || (column === 'DOUBLE' && type === 'INT64');
  }
  if (column.kind === 'LIST') return Array.isArray(value) && value.every((item) => fitsColumn(column.element ?? 'STRING', item));
  return (
    isPlainObject(value) &&
    Object.keys(value).every((name) => column.fields.has(name) && fitsColumn(column.fields.get(name) ?? 'STRING', value[name]))
  );
}

/** A value as the writer takes it for a settled column that it fits. */
export function toCell(column: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof column !== 'string') {
    if (column.kind === 'LIST') return (value as unknown[]).map((item) => toCell(column.element ?? 'STRING', item));
    const object = value as Record<string, unknown>;
    // Own fields only: a missing `constructor` must be null, not Object's.
    return Object.fromEntries(
      [...column.fields].map(([name, type]) => [name, Object.hasOwn(object, name) ? toCell(type ?? 'STRING', object[name]) : null]),
    );
  }
  switch (column) {
    case 'INT64':
      return BigInt(value as number);
    case 'DOUBLE':
      return Number(value);
    case 'BOOLEAN':
      return Boolean(value);
    case 'STRING':
      return String(value);
    case 'TIMESTAMP':
      return new Date(value as string);
    case 'JSON':
      return jsonCell(value);
  }
}

/**
 * A JSON column's value as the writer takes it, which it encodes once with JSON.stringify. The
 * writer first copies plain objects (hyparquet's toJson), and the copy drops a "__proto__" key a
 * parsed record can hold; an object without a prototype is passed through uncopied, and its
 * toJSON hands JSON.stringify the value itself, so every key is kept.
 */
export function jsonCell(value: unknown): unknown {
  const cell = Object.create(null) as { toJSON: () => unknown };
  cell.toJSON = () => value;
  return cell;
}

import { jsonCell } from '../formats/parquet-types';
import type { SchemaElement } from '../formats/parquet-schema';

/**
 * A column typed from a writer's schema (Avro or Protobuf), not inferred from values. Scalars name
 * the Parquet type they are written as; the value each takes is the record's decoded JSON (an ISO
 * time, a decimal string, base64 bytes), which `cellOf` turns into what the Parquet writer stores.
 */
export type ScalarName =
  | 'STRING'
  | 'BOOLEAN'
  | 'INT32'
  | 'INT64'
  | 'FLOAT'
  | 'DOUBLE'
  | 'BINARY'
  | 'DATE'
  | 'TIMESTAMP_MILLIS'
  | 'TIMESTAMP_MICROS'
  | 'UUID'
  | 'DURATION_MICROS'
  | 'JSON';

export type SchemaColumn =
  | { kind: 'scalar'; name: ScalarName }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'struct'; fields: [string, SchemaColumn][] }
  | { kind: 'list'; element: SchemaColumn }
  | { kind: 'map'; value: SchemaColumn };

export const scalar = (name: ScalarName): SchemaColumn => ({ kind: 'scalar', name });

/** A value the column cannot hold (a malformed uuid, a time past Parquet's range): the record is rejected with this. */
export class CellError extends Error {}

const leafElements: Record<ScalarName, Omit<SchemaElement, 'name'> & Record<string, unknown>> = {
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  BOOLEAN: { type: 'BOOLEAN' },
  INT32: { type: 'INT32' },
  INT64: { type: 'INT64' },
  FLOAT: { type: 'FLOAT' },
  DOUBLE: { type: 'DOUBLE' },
  BINARY: { type: 'BYTE_ARRAY' },
  DATE: { type: 'INT32', converted_type: 'DATE' },
  TIMESTAMP_MILLIS: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
  TIMESTAMP_MICROS: { type: 'INT64', converted_type: 'TIMESTAMP_MICROS' },
  UUID: { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'UUID' } },
  DURATION_MICROS: { type: 'INT64' },
  JSON: { type: 'BYTE_ARRAY', converted_type: 'JSON' },
};

/** Parquet's smallest physical type for a decimal of this many digits (INT32 to 9, INT64 to 18, then bytes). */
function decimalElement(precision: number, scale: number): Record<string, unknown> {
  const type = precision <= 9 ? 'INT32' : precision <= 18 ? 'INT64' : 'BYTE_ARRAY';
  return { type, converted_type: 'DECIMAL', precision, scale, logical_type: { type: 'DECIMAL', precision, scale } };
}

/** A column's schema elements, depth first, in the three-level LIST and MAP forms DuckDB, Spark and Arrow read. */
export function columnElements(name: string, column: SchemaColumn, repetition = 'OPTIONAL'): SchemaElement[] {
  switch (column.kind) {
    case 'scalar':
      return [{ name, ...leafElements[column.name], repetition_type: repetition } as SchemaElement];
    case 'decimal':
      return [{ name, ...decimalElement(column.precision, column.scale), repetition_type: repetition } as SchemaElement];
    case 'struct':
      return [
        { name, repetition_type: repetition, num_children: column.fields.length },
        ...column.fields.flatMap(([field, type]) => columnElements(field, type)),
      ];
    case 'list':
      return [
        { name, repetition_type: repetition, converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        ...columnElements('element', column.element),
      ];
    case 'map':
      return [
        { name, repetition_type: repetition, converted_type: 'MAP', num_children: 1 },
        { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
        ...columnElements('key', scalar('STRING'), 'REQUIRED'),
        ...columnElements('value', column.value),
      ];
  }
}

const UUID_TEXT = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const ISO_TIME = /^(\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;

/** Microseconds since the epoch of an ISO/RFC 3339 UTC time, exactly (Date would drop the last three digits). */
function microsOf(text: string): bigint {
  const match = ISO_TIME.exec(text);
  const seconds = match ? Date.parse(`${match[1]}Z`) : NaN;
  if (!match || Number.isNaN(seconds)) throw new CellError(`"${text}" is not a time a TIMESTAMP column holds`);
  // Digits past the microsecond (a Protobuf Timestamp's nanos) are below what the column keeps.
  return BigInt(seconds) * 1000n + BigInt((match[2] ?? '').padEnd(6, '0').slice(0, 6));
}

const ISO_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z$/;

/** The common case of a millisecond time, without the arithmetic of microsOf: Date reads it exactly. */
function millisOf(text: string): bigint {
  const millis = ISO_MILLIS.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(millis) ? microsOf(text) / 1000n : BigInt(millis);
}

/** A decimal's text as the unscaled integer Parquet stores; more fraction digits than the scale would be a different number. */
function unscaledOf(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[3] ?? '').length > scale) throw new CellError(`"${text}" is not a decimal of scale ${scale}`);
  const digits = `${match[2]}${(match[3] ?? '').padEnd(scale, '0')}`;
  return (match[1] ? -1n : 1n) * BigInt(digits);
}

function scalarCell(name: ScalarName, value: unknown): unknown {
  switch (name) {
    case 'STRING':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'BOOLEAN':
      return Boolean(value);
    case 'INT32':
      return Number(value);
    case 'INT64':
      try {
        return BigInt(value as number | string);
      } catch {
        throw new CellError(`"${String(value)}" is not a whole number`);
      }
    case 'FLOAT':
    case 'DOUBLE':
      return Number(value);
    case 'BINARY':
      return new Uint8Array(Buffer.from(String(value), 'base64'));
    case 'DATE': {
      const days = Date.parse(`${String(value)}T00:00:00Z`) / 86_400_000;
      if (!Number.isInteger(days)) throw new CellError(`"${String(value)}" is not a date`);
      return days;
    }
    case 'TIMESTAMP_MILLIS':
      return millisOf(String(value));
    case 'TIMESTAMP_MICROS':
      return microsOf(String(value));
    case 'UUID':
      if (typeof value !== 'string' || !UUID_TEXT.test(value)) throw new CellError(`"${String(value)}" is not a UUID`);
      return value;
    case 'DURATION_MICROS':
      return durationMicros(String(value));
    case 'JSON':
      return jsonCell(value);
  }
}

/** A Protobuf Duration's JSON ("-1.5s") in microseconds; Parquet's INTERVAL has only milliseconds. */
function durationMicros(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(text);
  if (!match) throw new CellError(`"${text}" is not a duration`);
  const micros = BigInt(match[2]!) * 1_000_000n + BigInt((match[3] ?? '').padEnd(6, '0').slice(0, 6));
  return match[1] ? -micros : micros;
}

/** A decoded value as the Parquet writer takes it for this column; throws CellError for one it cannot hold. */
export function cellOf(column: SchemaColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'scalar':
      return scalarCell(column.name, value);
    case 'decimal':
      return unscaledOf(String(value), column.scale);
    case 'list':
      return (value as unknown[]).map((item) => cellOf(column.element, item));
    case 'map':
      return Object.entries(value as Record<string, unknown>).map(([key, item]) => ({ key, value: cellOf(column.value, item) }));
    case 'struct': {
      const object = value as Record<string, unknown>;
      // No prototype: a field may be called __proto__ (Avro and Protobuf allow the name).
      const cell = Object.create(null) as Record<string, unknown>;
      for (const [name, type] of column.fields) cell[name] = Object.hasOwn(object, name) ? cellOf(type, object[name]) : null;
      return cell;
    }
  }
}

/**
 * CSV's columns for a schema column: nested records flattened to dotted names in schema order;
 * lists and maps stay one column, their value JSON text.
 */
export function flatColumns(name: string, column: SchemaColumn): string[][] {
  if (column.kind !== 'struct') return [[name]];
  return column.fields.flatMap(([field, type]) => flatColumns(field, type).map((path) => [name, ...path]));
}

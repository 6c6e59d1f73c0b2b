import type { Type } from 'avsc';
import { MAX_NESTING } from '../formats/parquet-types';
import { scalar, type SchemaColumn } from './schema-column';

type Composite = Type & {
  fields?: { name: string; type: Type }[];
  types?: Type[];
  itemsType?: Type;
  valuesType?: Type;
};

/** DuckDB, Spark and Arrow hold decimals of at most 38 digits; a wider one is kept as its exact text. */
const MAX_DECIMAL_PRECISION = 38;

const primitives: Record<string, SchemaColumn> = {
  null: scalar('STRING'),
  boolean: scalar('BOOLEAN'),
  int: scalar('INT32'),
  long: scalar('INT64'),
  // The decoder reads longs as BigInts (avro-types.ts), a type avsc names this way.
  'abstract:long': scalar('INT64'),
  float: scalar('FLOAT'),
  double: scalar('DOUBLE'),
  bytes: scalar('BINARY'),
  fixed: scalar('BINARY'),
  string: scalar('STRING'),
  enum: scalar('STRING'),
  'logical:timestamp-millis': scalar('TIMESTAMP_MILLIS'),
  'logical:timestamp-micros': scalar('TIMESTAMP_MICROS'),
  'logical:date': scalar('DATE'),
  'logical:uuid': scalar('UUID'),
};

/**
 * The column an Avro type is written as. A union of null and one type is that type (every column
 * is optional); a union of several non-null types is JSON text of the value, as one Parquet type
 * cannot hold each branch's values; a recursive record is JSON from MAX_NESTING levels down.
 */
export function avroColumn(type: Type, depth = 0): SchemaColumn {
  if (depth >= MAX_NESTING) return scalar('JSON');
  const composite = type as Composite;
  const known = primitives[type.typeName];
  if (known) return known;
  if (type.typeName === 'logical:decimal') {
    const { precision, scale } = type as unknown as { precision: number; scale: number };
    // Without a precision that fits (or with more scale than digits), the exact text is what is left.
    return Number.isInteger(precision) && precision <= MAX_DECIMAL_PRECISION && scale <= precision
      ? { kind: 'decimal', precision, scale }
      : scalar('STRING');
  }
  // Parquet has no empty group: a record without fields is its JSON text, `{}`.
  if (composite.fields)
    return composite.fields.length === 0
      ? scalar('JSON')
      : { kind: 'struct', fields: composite.fields.map((field) => [field.name, avroColumn(field.type, depth + 1)]) };
  if (composite.itemsType) return { kind: 'list', element: avroColumn(composite.itemsType, depth + 1) };
  if (composite.valuesType) return { kind: 'map', value: avroColumn(composite.valuesType, depth + 1) };
  if (composite.types) {
    const branches = composite.types.filter((branch) => branch.typeName !== 'null');
    return branches.length === 1 ? avroColumn(branches[0]!, depth) : scalar('JSON');
  }
  // A logical type Shardscope does not read (time-millis, local-timestamp-*) is its underlying value.
  const underlying = (type as Type & { underlyingType?: Type }).underlyingType;
  return underlying ? avroColumn(underlying, depth) : scalar('JSON');
}

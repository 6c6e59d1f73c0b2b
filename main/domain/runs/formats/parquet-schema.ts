import type { ParquetType, PinnedSchema } from '../../../../shared/contract/runs';
import { fitsColumn, type ColumnType } from './parquet-types';

export type SchemaElement = {
  name: string;
  type?: string;
  converted_type?: string;
  repetition_type?: string;
  num_children?: number;
};

const physical: Record<ParquetType, Pick<SchemaElement, 'type' | 'converted_type'>> = {
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  JSON: { type: 'BYTE_ARRAY', converted_type: 'JSON' },
  INT64: { type: 'INT64' },
  DOUBLE: { type: 'DOUBLE' },
  BOOLEAN: { type: 'BOOLEAN' },
  TIMESTAMP: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
};

/**
 * A column's Parquet schema elements, depth first. Lists take the standard three-level form
 * (`name` LIST, a repeated `list` group, its `element`), which DuckDB, Spark and Arrow read as a list.
 */
export function schemaElements(name: string, type: ColumnType): SchemaElement[] {
  if (typeof type === 'string') return [{ name, ...physical[type], repetition_type: 'OPTIONAL' }];
  if (type.kind === 'LIST')
    return [
      { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      ...schemaElements('element', type.element ?? 'STRING'),
    ];
  return [
    { name, repetition_type: 'OPTIONAL', num_children: type.fields.size },
    ...[...type.fields].flatMap(([field, fieldType]) => schemaElements(field, fieldType ?? 'STRING')),
  ];
}

/** Why a value does not fit a pinned column, or null. */
export function pinnedMismatch(schema: PinnedSchema, fields: [string, unknown][]): string | null {
  const columns = new Map(schema.columns.map((c) => [c.name, c.type]));
  for (const [name, value] of fields) {
    const type = columns.get(name);
    if (type === undefined) return `field "${name}" is not in the pinned schema`;
    if (type === 'TIMESTAMP') {
      if (value !== null && (typeof value !== 'string' || Number.isNaN(Date.parse(value))))
        return `field "${name}" is not a time the TIMESTAMP column can hold`;
    } else if (!fitsColumn(type, value) && !(type === 'STRING' && (value === null || typeof value !== 'object'))) {
      return `field "${name}" is ${kindOf(value)}, the pinned schema says ${type}`;
    }
  }
  return null;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'INT64' : 'DOUBLE';
  return typeof value === 'boolean' ? 'BOOLEAN' : 'STRING';
}

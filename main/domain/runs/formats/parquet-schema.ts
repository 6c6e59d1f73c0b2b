import type { ParquetType, PinnedSchema } from '../../../../shared/contract/runs';

/**
 * The type a JSON value needs. Integers are INT64, other numbers DOUBLE; objects and arrays are
 * written as JSON text (a JSON-typed string column) rather than as Parquet structs, so a field
 * whose shape varies from record to record still has one column.
 */
export function typeOfValue(value: unknown): ParquetType | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
      return 'BOOLEAN';
    case 'number':
      return Number.isSafeInteger(value) ? 'INT64' : 'DOUBLE';
    case 'string':
      return 'STRING';
    default:
      return 'JSON';
  }
}

/**
 * The one drift rule: a column widens INT64 to DOUBLE; any other change of type makes it JSON
 * text, which holds every value exactly.
 */
export function widen(current: ParquetType | null, next: ParquetType | null): ParquetType | null {
  if (current === null) return next;
  if (next === null || current === next) return current;
  if ((current === 'INT64' && next === 'DOUBLE') || (current === 'DOUBLE' && next === 'INT64')) return 'DOUBLE';
  return 'JSON';
}

/** Does a value of `value`'s type go into a column of `column` type without changing it? */
export function fitsColumn(column: ParquetType, value: unknown): boolean {
  const type = typeOfValue(value);
  return type === null || type === column || (column === 'DOUBLE' && type === 'INT64') || column === 'JSON';
}

/** A value as the column's writer takes it. */
export function toCell(column: ParquetType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
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
      return JSON.stringify(value);
  }
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
    } else if (!fitsColumn(type, value) && !(type === 'STRING' && typeOfValue(value) !== 'JSON')) {
      return `field "${name}" is ${typeOfValue(value)}, the pinned schema says ${type}`;
    }
  }
  return null;
}

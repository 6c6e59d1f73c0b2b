import type { ScalarName, SchemaColumn } from './schema-column';

/** Avro's promotions (int to long, float or double; long to float or double; float to double), by rank. */
const NUMERIC_RANK: Partial<Record<ScalarName, number>> = { INT32: 0, INT64: 1, FLOAT: 2, DOUBLE: 3 };

/**
 * The column that holds the values of both: a record gains the fields it lacked (in the order
 * first seen), a list or map widens its element, a number is promoted by Avro's rules. Null when
 * one cannot hold the other's values (a string against a record, decimals of another scale):
 * those versions are incompatible. An unchanged column comes back as the same object.
 */
export function widenColumn(current: SchemaColumn, next: SchemaColumn): SchemaColumn | null {
  if (current === next) return current;
  if (current.kind === 'scalar' && next.kind === 'scalar') {
    if (current.name === next.name) return current;
    const [a, b] = [NUMERIC_RANK[current.name], NUMERIC_RANK[next.name]];
    if (a === undefined || b === undefined) return null;
    return a >= b ? current : next;
  }
  if (current.kind === 'decimal' && next.kind === 'decimal')
    return current.precision === next.precision && current.scale === next.scale ? current : null;
  if (current.kind === 'list' && next.kind === 'list') {
    const element = widenColumn(current.element, next.element);
    return element === null ? null : element === current.element ? current : { kind: 'list', element };
  }
  if (current.kind === 'map' && next.kind === 'map') {
    const value = widenColumn(current.value, next.value);
    return value === null ? null : value === current.value ? current : { kind: 'map', value };
  }
  if (current.kind === 'struct' && next.kind === 'struct') {
    const fields = widenFields(current.fields, next.fields);
    return fields === null ? null : fields === current.fields ? current : { kind: 'struct', fields };
  }
  return null;
}

/** Two field lists as one, or null; the same array back when `next` adds nothing. */
export function widenFields(current: [string, SchemaColumn][], next: [string, SchemaColumn][]): [string, SchemaColumn][] | null {
  const fields = new Map(current);
  let changed = false;
  for (const [name, column] of next) {
    const had = fields.get(name);
    const widened = had ? widenColumn(had, column) : column;
    if (widened === null) return null;
    if (widened !== had) {
      fields.set(name, widened);
      changed = true;
    }
  }
  return changed ? [...fields] : current;
}

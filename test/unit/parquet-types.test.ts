import { describe, expect, it } from 'vitest';
import {
  fitsColumn,
  leavesOf,
  MAX_NESTING,
  settle,
  toCell,
  typeOfValue,
  widen,
  type ColumnType,
} from '../../main/domain/runs/formats/parquet-types';

/** A type as plain data, so expectations read like the shapes they describe. */
function shape(type: ColumnType | null): unknown {
  if (type === null || typeof type === 'string') return type;
  if (type.kind === 'LIST') return [shape(type.element)];
  return Object.fromEntries([...type.fields].map(([name, field]) => [name, shape(field)]));
}

const typeOf = (...values: unknown[]) => values.map((v) => typeOfValue(v)).reduce((a, b) => widen(a, b), null);

describe('Parquet column types of nested JSON', () => {
  it('types an object as a struct of its fields and an array as a list of its elements', () => {
    const order = { total: { amount: 724, currency: 'EUR' }, items: [{ sku: 'A-1', qty: 2 }], ok: true };
    expect(shape(typeOfValue(order))).toEqual({
      total: { amount: 'INT64', currency: 'STRING' },
      items: [{ sku: 'STRING', qty: 'INT64' }],
      ok: 'BOOLEAN',
    });
  });

  it('widens a struct field INT64 to DOUBLE and gains the fields a later record brings', () => {
    const type = typeOf({ amount: 1, tags: [1, 2] }, { amount: 2.5, tags: [0.5], note: null }, { note: 'late' });
    expect(shape(type)).toEqual({ amount: 'DOUBLE', tags: ['DOUBLE'], note: 'STRING' });
    expect(leavesOf(type)).toBe(3);
  });

  it('makes a field whose shape varies JSON: object then number, and a list of mixed element kinds', () => {
    expect(typeOf({ amount: 1 }, 5)).toBe('JSON');
    expect(typeOf([1, 'two'])).toBe('JSON');
    expect(typeOf([{ a: 1 }, [1]])).toBe('JSON');
    expect(typeOf([1, 2], ['x'])).toBe('JSON');
    // The varying field alone is JSON; its struct keeps its other fields typed.
    expect(shape(typeOf({ id: 1, extra: { x: 1 } }, { id: 2, extra: 'text' }))).toEqual({ id: 'INT64', extra: 'JSON' });
  });

  it('returns the same type object when a record changes nothing, so a batch of alike records allocates no types', () => {
    const first = typeOfValue({ a: { b: [1] } });
    expect(widen(first, typeOfValue({ a: { b: [2, 3] } }))).toBe(first);
    expect(widen(first, typeOfValue({ a: null }))).toBe(first);
  });

  it('settles untyped fields as text and an empty object as JSON, as Parquet has no empty group', () => {
    expect(shape(settle(typeOf({ a: null, b: [], c: {} })))).toEqual({ a: 'STRING', b: ['STRING'], c: 'JSON' });
  });

  it('is JSON past the nesting bound, and a 10,000-deep or 100,000-key value is typed without exhausting the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    let depth = 0;
    for (let type = typeOfValue(deep); type !== null && typeof type !== 'string'; depth++)
      type = type.kind === 'STRUCT' ? type.fields.get('d')! : type.element;
    expect(depth).toBe(MAX_NESTING);
    // Parsed, as a record arrives.
    const wide = JSON.parse(`{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`) as unknown;
    expect(typeOfValue(wide, { nested: true, cap: 1_000 })).toBe('JSON');
    expect(shape(typeOfValue({ ok: 1, wide }, { nested: true, cap: 1_000 }))).toEqual({ ok: 'INT64', wide: 'JSON' });
  });

  it('keeps objects JSON for a run begun before structs', () => {
    expect(typeOfValue({ a: 1 }, { nested: false, cap: 1_000 })).toBe('JSON');
    expect(typeOfValue([1], { nested: false, cap: 1_000 })).toBe('JSON');
  });

  it('fits only values of the settled shape: a new nested field or a changed kind closes the file', () => {
    const column = settle(typeOf({ amount: 1.5, items: [{ sku: 'a' }] }));
    expect(fitsColumn(column, { amount: 2, items: [{ sku: 'b' }, null] })).toBe(true);
    expect(fitsColumn(column, { amount: 2, items: [{ sku: 'b', qty: 1 }] })).toBe(false);
    expect(fitsColumn(column, { amount: 'two' })).toBe(false);
    expect(fitsColumn(column, [1])).toBe(false);
  });

  it('gives the writer own fields only, integers as BigInt, and JSON values that encode to their text once', () => {
    const column = settle(typeOf({ n: 1, constructor: null, free: { a: 1 } }, { free: 'x' }));
    const cell = toCell(column, { n: 3, free: { a: [1] } }) as Record<string, unknown>;
    expect(cell).toMatchObject({ n: 3n, constructor: null });
    expect(JSON.stringify(cell.free)).toBe('{"a":[1]}');
    expect(JSON.stringify(toCell('JSON', 'x'))).toBe('"x"');
    expect(toCell(settle(typeOf([[1, 2]])), [[4], []])).toEqual([[4n], []]);
  });
});

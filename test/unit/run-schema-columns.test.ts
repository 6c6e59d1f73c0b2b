import { describe, expect, it } from 'vitest';
import { compileAvro } from '../../main/domain/engine/decode/schema/avro-codec';
import type { DecodedRecord } from '../../main/domain/engine/decode/record';
import type { SchemaDecoding } from '../../main/domain/engine/decode/schema/record-schemas';
import type { SchemaCodec } from '../../main/domain/engine/decode/schema/schema-codec';
import { avroColumn } from '../../main/domain/runs/typed/avro-columns';
import { RunSchemas } from '../../main/domain/runs/typed/run-schemas';
import { CellError, cellOf, flatColumns, scalar, type SchemaColumn } from '../../main/domain/runs/typed/schema-column';
import { widenColumn } from '../../main/domain/runs/typed/widen-columns';

const column = (schema: object) => avroColumn(compileAvro(JSON.stringify(schema)).type);

describe('columns typed from an Avro schema', () => {
  it('maps unions: null and one type is that type, several types JSON, a recursive record JSON past the nesting bound', () => {
    expect(column(['null', 'long'])).toEqual(scalar('INT64'));
    expect(column(['string', 'int'])).toEqual(scalar('JSON'));
    const list = { type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }] };
    let at: SchemaColumn = column(list);
    let depth = 0;
    while (at.kind === 'struct') {
      at = at.fields[0]![1];
      depth++;
    }
    expect(at).toEqual(scalar('JSON'));
    expect(depth).toBeGreaterThan(1);
  });

  it('keeps a decimal without a usable precision, or wider than 38 digits, as its exact text', () => {
    expect(column({ type: 'bytes', logicalType: 'decimal', precision: 40, scale: 2 })).toEqual(scalar('STRING'));
    expect(column({ type: 'bytes', logicalType: 'decimal', precision: 9, scale: 3 })).toEqual({ kind: 'decimal', precision: 9, scale: 3 });
  });

  it('flattens nested records to dotted CSV names in schema order', () => {
    const nested = column({
      type: 'record',
      name: 'A',
      fields: [
        {
          name: 'b',
          type: {
            type: 'record',
            name: 'B',
            fields: [
              { name: 'c', type: 'int' },
              { name: 'd', type: { type: 'array', items: 'int' } },
            ],
          },
        },
        { name: 'e', type: 'string' },
      ],
    });
    expect(flatColumns('a', nested).map((path) => path.join('.'))).toEqual(['a.b.c', 'a.b.d', 'a.e']);
  });
});

describe('cells', () => {
  it('turns decoded JSON into the values Parquet stores, exactly', () => {
    expect(cellOf({ kind: 'decimal', precision: 10, scale: 2 }, '-0.05')).toBe(-5n);
    expect(cellOf({ kind: 'decimal', precision: 10, scale: 2 }, '12.3')).toBe(1230n);
    expect(cellOf(scalar('TIMESTAMP_MICROS'), '1969-12-31T23:59:59.999999Z')).toBe(-1n);
    expect(cellOf(scalar('TIMESTAMP_MILLIS'), '2023-11-14T22:13:20.123Z')).toBe(1_700_000_000_123n);
    expect(cellOf(scalar('DURATION_MICROS'), '-1.5s')).toBe(-1_500_000n);
    expect(cellOf(scalar('INT64'), '9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(cellOf(scalar('DATE'), '1970-01-02')).toBe(1);
    expect(cellOf({ kind: 'map', value: scalar('INT32') }, { a: 1 })).toEqual([{ key: 'a', value: 1 }]);
  });

  it('keeps a field called __proto__ as a field, not a prototype', () => {
    const cell = cellOf({ kind: 'struct', fields: [['__proto__', scalar('INT32')]] }, JSON.parse('{"__proto__": 7}')) as object;
    expect(Object.getOwnPropertyDescriptor(cell, '__proto__')?.value).toBe(7);
  });

  it('refuses a value its column cannot hold, rather than writing another one', () => {
    expect(() => cellOf({ kind: 'decimal', precision: 10, scale: 2 }, '1.234')).toThrow(CellError);
    expect(() => cellOf(scalar('UUID'), 'not-a-uuid')).toThrow(CellError);
    expect(() => cellOf(scalar('TIMESTAMP_MICROS'), 'yesterday')).toThrow(CellError);
  });
});

describe('widening', () => {
  it("promotes numbers by Avro's rules and adds fields; other changes are incompatible", () => {
    expect(widenColumn(scalar('INT32'), scalar('INT64'))).toEqual(scalar('INT64'));
    expect(widenColumn(scalar('DOUBLE'), scalar('INT32'))).toEqual(scalar('DOUBLE'));
    expect(widenColumn(scalar('INT32'), scalar('STRING'))).toBeNull();
    expect(widenColumn({ kind: 'decimal', precision: 10, scale: 2 }, { kind: 'decimal', precision: 10, scale: 3 })).toBeNull();
    const a: SchemaColumn = { kind: 'struct', fields: [['x', scalar('INT32')]] };
    expect(widenColumn(a, { kind: 'struct', fields: [['x', scalar('INT32')]] })).toBe(a);
    expect(widenColumn(a, { kind: 'struct', fields: [['y', scalar('STRING')]] })).toEqual({
      kind: 'struct',
      fields: [
        ['x', scalar('INT32')],
        ['y', scalar('STRING')],
      ],
    });
  });
});

describe('a run schema', () => {
  const v1 = {
    type: 'record',
    name: 'R',
    fields: [
      { name: 'data', type: 'int' },
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    ],
  };
  const v2 = { ...v1, fields: [...v1.fields, { name: 'tier', type: 'string', default: 'basic' }] };
  const codecs = new Map<string, SchemaCodec>(
    [v1, v2].map((schema, at) => [`v${at + 1}`, { writer: { format: 'AVRO', definition: JSON.stringify(schema) } } as SchemaCodec]),
  );
  const decoding = { codecOf: (ref: { id: string }) => codecs.get(ref.id) } as unknown as SchemaDecoding;
  const record = (id: string, value: object) =>
    ({ schema: { registry: 'r', name: 'orders', version: null, id, format: 'AVRO' }, value }) as unknown as DecodedRecord;

  it('names a field that clashes with a metadata column data_<name>, and gives a version the defaults of fields it lacks', () => {
    const schemas = new RunSchemas(decoding);
    const first = schemas.typed(record('v1', { data: 1, id: '00000000-0000-4000-8000-000000000001' }))!;
    expect(first.schema.columns.map(([name]) => name)).toEqual(['data_data', 'id']);
    const second = schemas.typed(record('v2', { data: 2, id: '00000000-0000-4000-8000-000000000002', tier: 'gold' }))!;
    const third = schemas.typed(record('v1', { data: 3, id: '00000000-0000-4000-8000-000000000003' }))!;
    expect(second.schema).not.toBe(first.schema);
    expect(third.schema).toBe(second.schema);
    expect(third.value).toEqual({ data_data: 3, id: '00000000-0000-4000-8000-000000000003', tier: 'basic' });
  });

  it('gives a nested record the defaults of the fields its version lacks, down named and nullable records', () => {
    const address = { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] };
    const customerV1 = {
      type: 'record',
      name: 'Customer',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'home', type: address },
      ],
    };
    const nestedV1 = {
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'customer', type: customerV1 },
        { name: 'shipTo', type: ['null', 'Address'] },
      ],
    };
    const addressV2 = { ...address, fields: [...address.fields, { name: 'country', type: 'string', default: 'NL' }] };
    const nestedV2 = {
      ...nestedV1,
      fields: [
        {
          name: 'customer',
          type: {
            ...customerV1,
            fields: [
              { name: 'name', type: 'string' },
              { name: 'home', type: addressV2 },
              { name: 'tier', type: { type: 'enum', name: 'Tier', symbols: ['BASIC', 'GOLD'] }, default: 'BASIC' },
              { name: '__proto__', type: ['null', 'string'], default: null },
            ],
          },
        },
        { name: 'shipTo', type: ['null', 'Address'] },
      ],
    };
    const nestedCodecs = new Map<string, SchemaCodec>(
      [nestedV1, nestedV2].map((schema, at) => [
        `n${at + 1}`,
        { writer: { format: 'AVRO', definition: JSON.stringify(schema) } } as SchemaCodec,
      ]),
    );
    const schemas = new RunSchemas({ codecOf: (ref: { id: string }) => nestedCodecs.get(ref.id) } as unknown as SchemaDecoding);
    const v1Value = { customer: { name: 'Ada', home: { city: 'Delft' } }, shipTo: { city: 'Leiden' } };
    schemas.typed(
      record('n2', { customer: { name: 'Bo', home: { city: 'Gouda', country: 'BE' }, tier: 'GOLD', ['__proto__']: 'x' }, shipTo: null }),
    );
    const old = schemas.typed(record('n1', v1Value))!;
    expect(JSON.parse(JSON.stringify(old.value))).toEqual({
      customer: { name: 'Ada', home: { city: 'Delft', country: 'NL' }, tier: 'BASIC', ['__proto__']: null },
      shipTo: { city: 'Leiden', country: 'NL' },
    });
    expect(Object.getPrototypeOf(old.value.customer as object)).toBeNull();
    expect(old.cells[0]).toMatchObject({ name: 'Ada', home: { city: 'Delft', country: 'NL' }, tier: 'BASIC' });
    expect(v1Value).toEqual({ customer: { name: 'Ada', home: { city: 'Delft' } }, shipTo: { city: 'Leiden' } });
  });

  it('keeps the column cap: a schema with more leaf columns keeps inferred columns, and a widening past it starts new files', () => {
    const capped = new RunSchemas(decoding, 2);
    expect(capped.typed(record('v1', { data: 1, id: '00000000-0000-4000-8000-000000000001' }))!.schema.columns).toHaveLength(2);
    expect(capped.typed(record('v2', { data: 2, id: '00000000-0000-4000-8000-000000000002', tier: 'gold' }))).toBeNull();
    const roomy = new RunSchemas(decoding, 3);
    const first = roomy.typed(record('v2', { data: 1, id: '00000000-0000-4000-8000-000000000001', tier: 'gold' }))!;
    expect(roomy.typed(record('v1', { data: 2, id: '00000000-0000-4000-8000-000000000002' }))!.schema).toBe(first.schema);
  });

  it('throws for a value the column cannot hold, which the run rejects with the reason', () => {
    expect(() => new RunSchemas(decoding).typed(record('v1', { data: 1, id: 'nope' }))).toThrow(/"nope" is not a UUID/);
  });

  it('leaves a record with no schema, or one whose codec it does not know, to inferred columns', () => {
    const schemas = new RunSchemas(decoding);
    expect(schemas.typed({ value: { a: 1 } } as unknown as DecodedRecord)).toBeNull();
    expect(schemas.typed(record('unknown', { a: 1 }))).toBeNull();
  });
});

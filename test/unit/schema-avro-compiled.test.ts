import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { compileAvro } from '../../main/domain/engine/decode/schema/avro-codec';
import { SchemaDecoding } from '../../main/domain/engine/decode/schema/record-schemas';
import { gsrFrame } from '../support/gsr-frame';
import { MemorySchemaResolver } from '../support/memory-schema-resolver';

// The decoder compiles a converter per schema and keeps compiled codecs for a read: these check
// that what is built once still gives each record its own value and branches, and each version its
// own schema. Bytes are written by avsc's plain encoder, independently of the decoder's types.
const order = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    {
      name: 'lines',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Line',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'discount', type: ['null', 'double', { type: 'record', name: 'Coupon', fields: [{ name: 'code', type: 'string' }] }] },
          ],
        },
      },
    },
    { name: 'tags', type: { type: 'map', values: ['null', 'string'] } },
    { name: 'plain', type: { type: 'map', values: 'bytes' } },
  ],
};
const plainOrder = avro.Type.forSchema(order as avro.Schema, { wrapUnions: false });

describe('compiled Avro decoding', () => {
  it('tracks union branches under arrays and maps by path, and keeps each record its own', () => {
    const codec = compileAvro(JSON.stringify(order));
    const first = codec.decode(
      plainOrder.toBuffer({
        id: 1_099_511_627_779,
        at: 1700000000123,
        lines: [
          { sku: 'a', discount: null },
          { sku: 'b', discount: { code: 'X' } },
          { sku: 'c', discount: 0.5 },
        ],
        tags: { 'two words': 'w', none: null },
        plain: { k: Buffer.from([1, 2]) },
      }),
    );
    expect(first.value).toEqual({
      id: 1_099_511_627_779,
      at: '2023-11-14T22:13:20.123Z',
      lines: [
        { sku: 'a', discount: null },
        { sku: 'b', discount: { code: 'X' } },
        { sku: 'c', discount: 0.5 },
      ],
      tags: { 'two words': 'w', none: null },
      plain: { k: 'AQI=' },
    });
    expect(first.branches).toEqual({
      '$.lines[0].discount': 'null',
      '$.lines[1].discount': 'Coupon',
      '$.lines[2].discount': 'double',
      '$.tags["two words"]': 'string',
      '$.tags["none"]': 'null',
    });
    // The same codec again: nothing of the first record's branches carries over.
    const second = codec.decode(plainOrder.toBuffer({ id: 7, at: -1, lines: [], tags: {}, plain: {} }));
    expect(second).toEqual({ value: { id: 7, at: '1969-12-31T23:59:59.999Z', lines: [], tags: {}, plain: {} } });
  });

  it('decodes interleaved versions each with its own compiled schema, without waiting once each is known', async () => {
    const v1 = { type: 'record', name: 'Reading', fields: [{ name: 'value', type: 'int' }] };
    const v2 = { ...v1, fields: [...v1.fields, { name: 'unit', type: ['null', 'string'], default: null }] };
    const [id1, id2] = ['aaaaaaaa-1111-4111-8111-111111111111', 'aaaaaaaa-1111-4111-8111-111111111112'];
    const resolver = new MemorySchemaResolver()
      .add({ kind: 'gsr', versionId: id1 }, { registry: 'r', name: 'Reading', version: 1, format: 'AVRO', definition: JSON.stringify(v1) })
      .add({ kind: 'gsr', versionId: id2 }, { registry: 'r', name: 'Reading', version: 2, format: 'AVRO', definition: JSON.stringify(v2) });
    const decoding = new SchemaDecoding({ mode: 'auto', resolver });
    const writeV1 = avro.Type.forSchema(v1 as avro.Schema);
    const writeV2 = avro.Type.forSchema(v2 as avro.Schema, { wrapUnions: false });
    // UUIDs that differ only in their last byte: a key cut short would take one for the other.
    const records = [1, 2, 3, 4].map((n) =>
      n % 2 === 1 ? gsrFrame(id1, writeV1.toBuffer({ value: n })) : gsrFrame(id2, writeV2.toBuffer({ value: n, unit: 'C' })),
    );
    const firstOfEach = await Promise.all([decoding.decode(records[0]!), decoding.decode(records[1]!)]);
    const later = records.slice(2).map((record) => decoding.decode(record));
    for (const outcome of later) expect(outcome).not.toBeInstanceOf(Promise);
    expect([...firstOfEach, ...later]).toEqual([
      { ok: true, schema: expect.objectContaining({ id: id1, version: 1 }), decoded: { value: { value: 1 } } },
      {
        ok: true,
        schema: expect.objectContaining({ id: id2, version: 2 }),
        decoded: { value: { value: 2, unit: 'C' }, branches: { '$.unit': 'string' } },
      },
      { ok: true, schema: expect.objectContaining({ id: id1, version: 1 }), decoded: { value: { value: 3 } } },
      {
        ok: true,
        schema: expect.objectContaining({ id: id2, version: 2 }),
        decoded: { value: { value: 4, unit: 'C' }, branches: { '$.unit': 'string' } },
      },
    ]);
    expect(resolver.lookups).toHaveLength(2);
    // A body that does not match its known schema still says which record and schema it was.
    expect(decoding.decode(gsrFrame(id2, Buffer.from([2, 9])))).toEqual({
      ok: false,
      reason: expect.stringMatching(
        new RegExp(`^Glue Schema Registry version ${id2}, Reading v2 \\(AVRO\\): the Avro body does not match`),
      ),
    });
  });
});

import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { compileAvro } from '../../main/domain/engine/decode/schema/avro-codec';
import { SchemaDecoding } from '../../main/domain/engine/decode/schema/record-schemas';
import { SchemaDecodeError } from '../../main/domain/engine/decode/schema/schema-value';
import { gsrFrame } from '../support/gsr-frame';
import { MemorySchemaResolver } from '../support/memory-schema-resolver';

// Records are written by avsc's own encoder with no logical types and its default long: the bytes
// come from the underlying values, independently of the decoder's display types.
const payment = {
  type: 'record',
  name: 'Payment',
  namespace: 'shop',
  fields: [
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'atMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'raw', type: 'bytes' },
    { name: 'tag', type: { type: 'fixed', name: 'Tag', size: 2 } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['PENDING', 'SETTLED'] } },
    { name: 'note', type: ['null', 'string', { type: 'record', name: 'Refund', fields: [{ name: 'reason', type: 'string' }] }] },
    { name: 'lines', type: { type: 'array', items: 'int' } },
    { name: 'meta', type: { type: 'map', values: 'long' } },
  ],
};

const plainPayment = avro.Type.forSchema(payment as avro.Schema);
const paymentValue = {
  at: 1700000000123,
  atMicros: 1700000000123456,
  day: 19675,
  id: '6f1c2d0e-8a8b-4b4e-9a57-1f9a3c2b7d10',
  amount: Buffer.from([0xcf, 0xc7]), // -12345 unscaled, two's complement
  raw: Buffer.from([0, 1, 2, 255]),
  tag: Buffer.from('ok'),
  status: 'SETTLED',
  note: { reason: 'late' }, // avsc unwraps this union when writing: the branch is found from the value
  lines: [1, 2],
  meta: { retries: 3 },
};

describe('Avro decoding', () => {
  it('writes timestamp-millis the same on either side of the four-digit years', () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'At',
      fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }],
    });
    const plain = avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
    const codec = compileAvro(schema);
    const at = (millis: number) => (codec.decode(plain.toBuffer({ at: millis })).value as { at: string }).at;
    // Expected strings written out by hand, not by Date: the decoder's two paths meet at these edges.
    expect(at(-62167219200000)).toBe('0000-01-01T00:00:00.000Z');
    expect(at(-1)).toBe('1969-12-31T23:59:59.999Z');
    expect(at(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(at(1700000000123)).toBe('2023-11-14T22:13:20.123Z');
    expect(at(253402300799999)).toBe('9999-12-31T23:59:59.999Z');
    // Outside them the BigInt path answers, as before.
    expect(() => at(8.64e15 + 1)).toThrow(/outside the dates JSON can show/);
  });

  it('shows logical types, bytes, fixed, enums and unions as JSON, and keeps each union branch', () => {
    const { value, branches } = compileAvro(JSON.stringify(payment)).decode(plainPayment.toBuffer(paymentValue));
    expect(value).toEqual({
      at: '2023-11-14T22:13:20.123Z',
      atMicros: '2023-11-14T22:13:20.123456Z',
      day: '2023-11-14',
      id: '6f1c2d0e-8a8b-4b4e-9a57-1f9a3c2b7d10',
      amount: '-123.45',
      raw: 'AAEC/w==',
      tag: 'b2s=',
      status: 'SETTLED',
      note: { reason: 'late' },
      lines: [1, 2],
      meta: { retries: 3 },
    });
    expect(branches).toEqual({ '$.note': 'shop.Refund' });
  });

  it('keeps a long past 2^53 exact, as a string, and a small one as a number', () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'N',
      fields: [
        { name: 'big', type: 'long' },
        { name: 'small', type: 'long' },
      ],
    });
    // Zig-zag varints written by hand: 2^63 - 1 is fe ff ff ff ff ff ff ff ff 01, and -2 is 03.
    const bytes = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x03]);
    expect(compileAvro(schema).decode(bytes).value).toEqual({ big: '9223372036854775807', small: -2 });
  });

  it('reads v1 and v2 records each with its own writer schema, and v1 widened to v2 by a reader schema', async () => {
    const v1 = { type: 'record', name: 'Order', fields: [{ name: 'id', type: 'int' }] };
    const v2 = { ...v1, fields: [...v1.fields, { name: 'amount', type: 'double', default: 0 }] };
    const [id1, id2] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const resolver = new MemorySchemaResolver()
      .add({ kind: 'gsr', versionId: id1 }, { registry: 'r', name: 'Order', version: 1, format: 'AVRO', definition: JSON.stringify(v1) })
      .add({ kind: 'gsr', versionId: id2 }, { registry: 'r', name: 'Order', version: 2, format: 'AVRO', definition: JSON.stringify(v2) });
    const decoding = new SchemaDecoding({ mode: 'auto', resolver });
    const first = avro.Type.forSchema(v1 as avro.Schema).toBuffer({ id: 1 });
    const second = avro.Type.forSchema(v2 as avro.Schema).toBuffer({ id: 2, amount: 9.5 });
    expect(await decoding.decode(gsrFrame(id1, first))).toMatchObject({ ok: true, schema: { version: 1 }, decoded: { value: { id: 1 } } });
    expect(await decoding.decode(gsrFrame(id2, second))).toMatchObject({
      ok: true,
      schema: { version: 2 },
      decoded: { value: { id: 2, amount: 9.5 } },
    });
    expect(compileAvro(JSON.stringify(v1), JSON.stringify(v2)).decode(first).value).toEqual({ id: 1, amount: 0 });
  });

  it('refuses a schema whose arrays could be endless without reading a byte', () => {
    const schema = JSON.stringify({ type: 'array', items: 'null' });
    expect(() => compileAvro(schema)).toThrow(SchemaDecodeError);
    expect(() => compileAvro(schema)).toThrow(/array of values that take no bytes/);
  });

  it('decodes a recursive schema, and refuses a value nested past the bound instead of exhausting the stack', () => {
    const list = { type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }] };
    const codec = compileAvro(JSON.stringify(list));
    expect(codec.decode(Buffer.from([2, 2, 0])).value).toEqual({ next: { next: { next: null } } });
    expect(() => codec.decode(Buffer.concat([Buffer.alloc(100_000, 2), Buffer.from([0])]))).toThrow(SchemaDecodeError);
  });
});

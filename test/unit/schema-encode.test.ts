import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import avro from 'avsc';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { compileEncoder } from '../../main/domain/engine/decode/schema/schema-encoder';
import type { ResolvedSchema } from '../../main/domain/engine/decode/schema/schema-resolver';

// Bytes written by AWS's own Java serializer (test/fixtures/gsr/SOURCE.md): the encoder must write the same.
const fixtures = join(import.meta.dirname, '../fixtures/gsr');
const text = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const bytesOf = (name: string) => Buffer.from(text(name).trim(), 'base64');
const versionId = 'b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63';
const schema = (format: ResolvedSchema['format'], definition: string, id = versionId): ResolvedSchema => ({
  registry: 'tests',
  name: 'User',
  version: 3,
  id,
  format,
  definition,
});

const logical = JSON.stringify({
  type: 'record',
  name: 'Payment',
  fields: [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'big', type: 'long' },
    { name: 'tags', type: { type: 'map', values: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});

describe('writing GSR records as AWS Java serializer does', () => {
  it('writes the Avro fixture byte for byte', () => {
    const encoder = compileEncoder(schema('AVRO', text('user.avsc')), 'gsr');
    expect(encoder.encode({ name: 'sansa', favorite_number: 99, favorite_color: 'red' })).toEqual(bytesOf('gsr-avro-generic-user.b64'));
    expect(encoder.encode({ name: 'test', favorite_number: 10, favorite_color: 'violet' })).toEqual(bytesOf('gsr-avro-specific-user.b64'));
  });

  it('writes the JSON Schema fixture byte for byte, after validating it', () => {
    const encoder = compileEncoder(schema('JSON', text('person.schema.json')), 'gsr');
    expect(encoder.encode(JSON.parse(text('person1.json')))).toEqual(bytesOf('gsr-json-generic-person.b64'));
    expect(() => encoder.encode({ firstName: 'John', lastName: 'Doe', age: -1 })).toThrow(/^\$\.age: must be >= 0/);
  });

  it('compresses everything after the header with zlib when asked (byte 1 = 5)', () => {
    const bytes = compileEncoder(schema('AVRO', text('user.avsc')), 'gsr-zlib').encode({
      name: 'sansa',
      favorite_number: 99,
      favorite_color: 'red',
    });
    const plain = bytesOf('gsr-avro-generic-user.b64');
    expect([bytes[0], bytes[1]]).toEqual([3, 5]);
    expect(bytes.subarray(2, 18)).toEqual(plain.subarray(2, 18));
    expect(inflateSync(bytes.subarray(18))).toEqual(plain.subarray(18));
  });

  it('writes a Protobuf message after its GSR index (Basic.proto: Customer is 1)', () => {
    const encoder = compileEncoder(
      schema('PROTOBUF', text('Basic.proto')),
      'gsr',
      'com.amazonaws.services.schemaregistry.tests.protobuf.syntax2.Customer',
    );
    expect(encoder.encode({ name: 'sansa' })).toEqual(bytesOf('derived-gsr-protobuf-basic-customer.b64'));
  });

  it('numbers nested Protobuf messages as MessageIndexFinder does, and Confluent paths in declaration order', () => {
    const proto = text('ComplexNestingSyntax3.proto');
    const pkg = /package\s+([\w.]+);/.exec(proto)?.[1];
    const full = (name: string) => (pkg ? `${pkg}.${name}` : name);
    const gsr = compileEncoder(schema('PROTOBUF', proto), 'gsr', full('A.B.C.X.D.F.M')).encode({});
    expect(gsr.subarray(18)).toEqual(Buffer.from([8]));
    // O.A is the second top-level message's first nested one: path [2, 0] as Confluent counts (A, N, O).
    const confluent = compileEncoder(schema('PROTOBUF', proto, '7'), 'confluent', full('O.A')).encode({});
    expect(confluent).toEqual(Buffer.from([0, 0, 0, 0, 7, 0x04, 0x04, 0x00]));
  });
});

describe('what the encoder refuses, by path', () => {
  const avroEncoder = compileEncoder(schema('AVRO', logical), 'raw');
  const good = {
    id: '0b5e8b5e-1b2c-4d3e-8f90-123456789abc',
    at: '2024-03-01T12:00:00.123456Z',
    day: '2024-03-01',
    amount: '-12.50',
    big: 12,
    tags: { a: 'x' },
  };

  it('writes Avro logical types from the text the decoder shows, read back by avsc on its own', () => {
    const bytes = avroEncoder.encode(good);
    const plain = avro.Type.forSchema(JSON.parse(logical) as avro.Schema, { wrapUnions: 'always' }).fromBuffer(bytes) as Record<
      string,
      unknown
    >;
    expect(plain.id).toBe(good.id);
    expect(plain.day).toBe(Date.UTC(2024, 2, 1) / 86_400_000);
    expect(plain.amount).toEqual(Buffer.from([0xfb, 0x1e])); // -1250, two's complement
    expect(plain.note).toBeNull();
    // 2^63 - 1 as the decoder shows it (a string), zig-zag encoded by hand.
    expect(avroEncoder.encode({ ...good, big: '9223372036854775807' }).includes(Buffer.from('feffffffffffffffff01', 'hex'))).toBe(true);
  });

  it.each([
    [{ ...good, big: 1.5 }, '$.big: expected a whole number'],
    [{ ...good, amount: '1.234' }, '$.amount: string "1.234" is not a decimal value'],
    [{ ...good, tags: { a: 1 } }, '$.tags.a: expected a string, got number 1'],
    [{ ...good, extra: true }, '$.extra: record Payment has no field "extra"'],
    [{ ...good, id: undefined }, '$.id: the field is required'],
    [{ ...good, note: 5 }, '$.note: number 5 fits no branch of the union (null, string)'],
  ])('Avro %#', (value, message) => {
    expect(() => avroEncoder.encode(value)).toThrow(message);
  });

  it('Protobuf: wrong scalar types, unknown fields and two members of a oneof', () => {
    const proto =
      'syntax = "proto3"; package t; message M { int32 n = 1; oneof pick { string a = 2; string b = 3; } repeated int64 xs = 4; }';
    const encoder = compileEncoder(schema('PROTOBUF', proto), 'raw');
    expect(() => encoder.encode({ n: 'abc' })).toThrow('$.n: expected a whole number');
    expect(() => encoder.encode({ z: 1 })).toThrow('$.z: message t.M has no field "z"');
    expect(() => encoder.encode({ a: 'x', b: 'y' })).toThrow('$.b: "b" and "a" are both set');
    expect(() => encoder.encode({ xs: [1, 'q'] })).toThrow('$.xs[1]: expected a whole number');
    const bytes = encoder.encode({ n: 5, a: 'x', xs: ['18446744073709551615'.slice(0, 19)] });
    const root = protobuf.parse(proto, { keepCase: true }).root;
    const decoded = root.lookupType('t.M').toObject(root.lookupType('t.M').decode(bytes), { longs: String });
    expect(decoded).toEqual({ n: 5, a: 'x', xs: ['1844674407370955161'] });
  });
});

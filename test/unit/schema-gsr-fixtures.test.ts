import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaDecoding } from '../../main/domain/engine/decode/schema/record-schemas';
import { fileTypesOf } from '../../main/domain/engine/decode/schema/protobuf-codec';
import { gsrMessageNames, mapEntryName } from '../../main/domain/engine/decode/schema/protobuf-index';
import { gsrVersionId, isGsrFramed } from '../../main/domain/engine/decode/schema/wire-framing';
import { MemorySchemaResolver } from '../support/memory-schema-resolver';

// Bytes written by AWS's own Java serializer (see test/fixtures/gsr/SOURCE.md), and two derived vectors.
const fixtures = join(import.meta.dirname, '../fixtures/gsr');
const text = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const bytesOf = (name: string) => Buffer.from(text(name).trim(), 'base64');
const expected = JSON.parse(text('expected.json')) as Record<string, { value?: unknown }>;
const versionId = 'b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63';
const gsr = { kind: 'gsr', versionId } as const;

function decodingWith(format: 'AVRO' | 'JSON' | 'PROTOBUF', definition: string) {
  const resolver = new MemorySchemaResolver().add(gsr, { registry: 'tests', name: 'User', version: 3, format, definition });
  return { resolver, decoding: new SchemaDecoding({ mode: 'auto', resolver }) };
}

describe('GSR records written by the AWS Java serializer', () => {
  it('reads the header: version 3, no compression, the version UUID in order', () => {
    const bytes = bytesOf('gsr-avro-generic-user.b64');
    expect(isGsrFramed(bytes)).toBe(true);
    expect([bytes[0], bytes[1]]).toEqual([3, 0]);
    expect(gsrVersionId(bytes)).toBe(versionId);
  });

  it.each(['gsr-avro-generic-user.b64', 'gsr-avro-specific-user.b64', 'derived-gsr-avro-generic-user-zlib.b64'])(
    'decodes the Avro record %s exactly',
    async (name) => {
      const { decoding } = decodingWith('AVRO', text('user.avsc'));
      const outcome = await decoding.decode(bytesOf(name));
      expect(outcome).toEqual({
        ok: true,
        schema: { registry: 'tests', name: 'User', version: 3, id: versionId, format: 'AVRO' },
        decoded: { value: expected[name]!.value, branches: { '$.favorite_number': 'int', '$.favorite_color': 'string' } },
      });
    },
  );

  it.each(['gsr-json-generic-person.b64', 'gsr-json-specific-car.b64'])('decodes the JSON Schema record %s exactly', async (name) => {
    const { decoding } = decodingWith('JSON', text('person.schema.json'));
    const outcome = await decoding.decode(bytesOf(name));
    expect(outcome).toMatchObject({ ok: true, decoded: { value: expected[name]!.value } });
  });

  it('decodes the derived Protobuf record by its message index (Customer = 1)', async () => {
    const { decoding } = decodingWith('PROTOBUF', text('Basic.proto'));
    const outcome = await decoding.decode(bytesOf('derived-gsr-protobuf-basic-customer.b64'));
    expect(outcome).toMatchObject({ ok: true, decoded: { value: { name: 'sansa' } } });
  });

  it('asks the registry once for a version that many records name', async () => {
    const { decoding, resolver } = decodingWith('AVRO', text('user.avsc'));
    for (let i = 0; i < 5; i++) await decoding.decode(bytesOf('gsr-avro-generic-user.b64'));
    expect(resolver.lookups).toEqual([gsr]);
  });
});

describe("GSR's Protobuf message index", () => {
  // The Java test names types without their package; the sorted list holds full names.
  const indexes = (proto: string, pkg: string) =>
    Object.fromEntries(gsrMessageNames(fileTypesOf(text(proto))).map((name, at) => [name.slice(pkg.length + 1), at]));

  it("reproduces the Java MessageIndexFinderTest's indexes for ComplexNestingSyntax3.proto", () => {
    expect(indexes('ComplexNestingSyntax3.proto', 'com.amazonaws.services.schemaregistry.tests.protobuf.syntax3')).toEqual(
      expected['ComplexNestingSyntax3.proto message indexes (from MessageIndexFinderTest)'],
    );
  });

  it('reproduces them for Basic.proto, with the package in each name', () => {
    const names = gsrMessageNames(fileTypesOf(text('Basic.proto')));
    const pkg = 'com.amazonaws.services.schemaregistry.tests.protobuf.syntax2';
    expect(names).toEqual([`${pkg}.Address`, `${pkg}.Customer`]);
  });

  it('counts map fields as nested entry types, named as the Java reader names them', () => {
    const proto =
      'syntax = "proto3"; package p; message Z { map<string,int32> tags = 1; map<string,string> foo_bar = 2; message A {} } message B {}';
    expect(gsrMessageNames(fileTypesOf(proto))).toEqual(['p.B', 'p.Z', 'p.Z.A', 'p.Z.FooBarEntry', 'p.Z.TagsEntry']);
    expect(mapEntryName('fooBar_baz')).toBe('FoobarBazEntry');
  });
});

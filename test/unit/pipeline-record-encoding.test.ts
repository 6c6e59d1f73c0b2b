import { describe, expect, it } from 'vitest';
import { recordKind } from '../../main/domain/engine/decode/record-kind';
import { encodingOfKinds } from '../../main/domain/pipelines/record-encoding';
import { PipelineRefusal } from '../../main/domain/pipelines/pipeline-plan';

describe('the encoding of records of these kinds', () => {
  it('is the one registry format, noting the records beside it', () => {
    expect(encodingOfKinds(['avro'], 'the run')).toEqual({ encoding: 'avro', from: 'the run', note: null });
    const found = encodingOfKinds(['binary', 'protobuf'], 'the run');
    expect(found.encoding).toBe('protobuf');
    expect(found.note).toContain('are not Glue Schema Registry Protobuf (bytes that are neither JSON nor text');
  });

  it('is JSON for plain JSON, and notes compressed or text records', () => {
    expect(encodingOfKinds(['json'], 'the run').note).toBeNull();
    expect(encodingOfKinds(['compressed', 'json', 'text'], 'the run').note).toBe(
      'Some of the records in the run are not plain JSON (gzip or zlib compressed; text): the engine will not read those.',
    );
  });

  it('assumes JSON, saying so, when there were no records', () => {
    const found = encodingOfKinds([], 'the sample');
    expect(found.encoding).toBe('json');
    expect(found.note).toContain('JSON was assumed');
  });

  it('refuses what no engine here reads', () => {
    expect(() => encodingOfKinds(['avro', 'protobuf'], 'the run')).toThrow(PipelineRefusal);
    expect(() => encodingOfKinds(['json-schema'], 'the run')).toThrow(/JSON Schema/);
    expect(() => encodingOfKinds(['text', 'compressed'], 'the run')).toThrow(/None of the records in the run is JSON/);
  });
});

describe("a record's kind", () => {
  it('is its schema format, then compression, then its encoding', () => {
    expect(recordKind({ compression: null, encoding: 'json', schema: { format: 'AVRO' } })).toBe('avro');
    expect(recordKind({ compression: 'gzip', encoding: 'json', schema: { format: 'JSON' } })).toBe('json-schema');
    expect(recordKind({ compression: 'zlib', encoding: 'json' })).toBe('compressed');
    expect(recordKind({ compression: null, encoding: 'text', schema: null })).toBe('text');
  });
});

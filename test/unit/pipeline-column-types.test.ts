import { describe, expect, it } from 'vitest';
import {
  duckdbTypeOf,
  flinkTypeOf,
  glueTypeOf,
  parseDuckdbType,
  parseGlueType,
  sparkTypeOf,
} from '../../main/domain/pipelines/column-types';

describe('column types between DuckDB, Glue, Flink and Spark', () => {
  // DuckDB's DESCRIBE text for what runs write, each kept exactly through Glue and back.
  const exact = [
    'VARCHAR',
    'BIGINT',
    'INTEGER',
    'DOUBLE',
    'FLOAT',
    'BOOLEAN',
    'DATE',
    'TIMESTAMP',
    'BLOB',
    'DECIMAL(38,9)',
    'VARCHAR[]',
    'BIGINT[][]',
    'MAP(VARCHAR, DOUBLE)',
    'STRUCT(amount DECIMAL(10,2), "cur rency" VARCHAR, tags VARCHAR[], "say ""hi""" STRUCT(x INTEGER))',
  ];
  it.each(exact)('round-trips %s through its Glue type', (text) => {
    const glue = glueTypeOf(parseDuckdbType(text));
    expect(duckdbTypeOf(parseGlueType(glue))).toBe(text);
  });

  it('maps the types Glue lacks to ones that hold every value, and says which', () => {
    expect(glueTypeOf(parseDuckdbType('UUID'))).toBe('string');
    expect(glueTypeOf(parseDuckdbType('TIMESTAMP WITH TIME ZONE'))).toBe('timestamp');
    expect(glueTypeOf(parseDuckdbType('UBIGINT'))).toBe('decimal(20,0)');
    expect(glueTypeOf(parseDuckdbType('JSON'))).toBe('string');
  });

  it('writes nested types in each dialect', () => {
    const type = parseDuckdbType('STRUCT(a BIGINT, "b c" MAP(VARCHAR, BOOLEAN[]))');
    expect(glueTypeOf(type)).toBe('struct<a:bigint,`b c`:map<string,array<boolean>>>');
    expect(flinkTypeOf(type)).toBe('ROW<`a` BIGINT, `b c` MAP<STRING, ARRAY<BOOLEAN>>>');
    expect(sparkTypeOf(type)).toBe('STRUCT<`a`: BIGINT, `b c`: MAP<STRING, ARRAY<BOOLEAN>>>');
  });

  it('refuses a type it cannot map, naming it', () => {
    expect(() => parseDuckdbType('UNION(a INTEGER, b VARCHAR)')).toThrow(/UNION\(a INTEGER, b VARCHAR\) has no Glue equivalent/);
    expect(() => parseGlueType('uniontype<int,string>')).toThrow(/Unknown Glue type uniontype/);
    expect(() => parseDuckdbType('VARCHAR extra')).toThrow(/Unexpected text/);
  });
});

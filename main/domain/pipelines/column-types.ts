/**
 * One column type model for the run's files (as DuckDB describes them) and every engine's
 * dialect: Glue/Athena (`struct<a:int>`), Flink SQL (`ROW<`a` INT>`) and Spark DDL. Each
 * mapping goes through it, so a type the engines cannot hold fails once, with its name.
 */
export type ScalarKind =
  'string' | 'bigint' | 'int' | 'smallint' | 'tinyint' | 'double' | 'float' | 'boolean' | 'date' | 'timestamp' | 'binary';

export type ColumnType =
  | { kind: 'scalar'; name: ScalarKind }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'struct'; fields: [string, ColumnType][] }
  | { kind: 'array'; element: ColumnType }
  | { kind: 'map'; key: ColumnType; value: ColumnType };

export interface PipelineColumn {
  name: string;
  type: ColumnType;
}

export class ColumnTypeError extends Error {}

const scalar = (name: ScalarKind): ColumnType => ({ kind: 'scalar', name });

/**
 * DuckDB's names for what a run writes, and the Glue type each becomes. Types Glue lacks map to
 * the nearest one that holds every value (a UUID as text, an unsigned 64-bit number as a decimal),
 * which is why `duckdbTypeOf` gives them back as that type, not the original.
 */
const duckScalars: Record<string, ColumnType> = {
  VARCHAR: scalar('string'),
  JSON: scalar('string'),
  UUID: scalar('string'),
  BIGINT: scalar('bigint'),
  INTEGER: scalar('int'),
  SMALLINT: scalar('smallint'),
  TINYINT: scalar('tinyint'),
  UTINYINT: scalar('smallint'),
  USMALLINT: scalar('int'),
  UINTEGER: scalar('bigint'),
  UBIGINT: { kind: 'decimal', precision: 20, scale: 0 },
  HUGEINT: { kind: 'decimal', precision: 38, scale: 0 },
  DOUBLE: scalar('double'),
  FLOAT: scalar('float'),
  BOOLEAN: scalar('boolean'),
  DATE: scalar('date'),
  TIMESTAMP: scalar('timestamp'),
  TIMESTAMP_MS: scalar('timestamp'),
  TIMESTAMP_NS: scalar('timestamp'),
  TIMESTAMP_S: scalar('timestamp'),
  'TIMESTAMP WITH TIME ZONE': scalar('timestamp'),
  INTERVAL: scalar('string'),
  BLOB: scalar('binary'),
};

const duckOfScalar: Record<ScalarKind, string> = {
  string: 'VARCHAR',
  bigint: 'BIGINT',
  int: 'INTEGER',
  smallint: 'SMALLINT',
  tinyint: 'TINYINT',
  double: 'DOUBLE',
  float: 'FLOAT',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  binary: 'BLOB',
};

/** A small reader over a type's text: both DuckDB's and Glue's forms nest with brackets and commas. */
class TypeText {
  at = 0;
  constructor(readonly text: string) {}
  skipSpace() {
    while (this.text[this.at] === ' ') this.at++;
  }
  eat(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }
  expect(token: string) {
    if (!this.eat(token)) throw new ColumnTypeError(`Expected "${token}" at ${this.at} in the type ${this.text}.`);
  }
  /** A field name: quoted ("a b" in DuckDB, `a b` in Glue) or a bare word. */
  name(): string {
    this.skipSpace();
    const quote = this.text[this.at];
    if (quote === '"' || quote === '`') {
      let out = '';
      for (this.at++; this.at < this.text.length; this.at++) {
        if (this.text[this.at] === quote) {
          if (this.text[this.at + 1] !== quote) break;
          this.at++;
        }
        out += this.text[this.at];
      }
      this.expect(quote);
      return out;
    }
    const match = /^[^\s:,()<>[\]]+/.exec(this.text.slice(this.at));
    if (!match) throw new ColumnTypeError(`Expected a name at ${this.at} in the type ${this.text}.`);
    this.at += match[0].length;
    return match[0];
  }
  done() {
    this.skipSpace();
    if (this.at !== this.text.length) throw new ColumnTypeError(`Unexpected text after ${this.text.slice(0, this.at)} in ${this.text}.`);
  }
}

function readDuck(t: TypeText): ColumnType {
  t.skipSpace();
  let type: ColumnType;
  if (t.eat('STRUCT(')) {
    const fields: [string, ColumnType][] = [];
    do fields.push([t.name(), readDuck(t)]);
    while (t.eat(','));
    t.expect(')');
    type = { kind: 'struct', fields };
  } else if (t.eat('MAP(')) {
    const key = readDuck(t);
    t.expect(',');
    const value = readDuck(t);
    t.expect(')');
    type = { kind: 'map', key, value };
  } else if (t.eat('DECIMAL(')) {
    const precision = Number(t.name());
    t.expect(',');
    const scale = Number(t.name());
    t.expect(')');
    type = { kind: 'decimal', precision, scale };
  } else {
    const rest = t.text.slice(t.at);
    const name = Object.keys(duckScalars)
      .filter((n) => rest.startsWith(n) && !/[A-Z_]/.test(rest[n.length] ?? ''))
      .sort((a, b) => b.length - a.length)[0];
    if (!name) throw new ColumnTypeError(`The type ${rest} has no Glue equivalent.`);
    t.at += name.length;
    type = duckScalars[name]!;
  }
  while (t.eat('[]')) type = { kind: 'array', element: type };
  return type;
}

/** A DuckDB type as DESCRIBE prints it, e.g. `STRUCT(amount DECIMAL(10,2), tags VARCHAR[])`. */
export function parseDuckdbType(text: string): ColumnType {
  const t = new TypeText(text.trim());
  const type = readDuck(t);
  t.done();
  return type;
}

const quoteDuck = (name: string) => (/^[a-z_][a-z0-9_]*$/i.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

/** The DuckDB type a column of this type reads back as from Parquet. */
export function duckdbTypeOf(type: ColumnType): string {
  switch (type.kind) {
    case 'scalar':
      return duckOfScalar[type.name];
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'struct':
      return `STRUCT(${type.fields.map(([n, f]) => `${quoteDuck(n)} ${duckdbTypeOf(f)}`).join(', ')})`;
    case 'array':
      return `${duckdbTypeOf(type.element)}[]`;
    case 'map':
      return `MAP(${duckdbTypeOf(type.key)}, ${duckdbTypeOf(type.value)})`;
  }
}

const quoteGlue = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replaceAll('`', '``')}\``);

/** Glue's (Hive's) type text, as a Glue table column and Athena take it. */
export function glueTypeOf(type: ColumnType): string {
  switch (type.kind) {
    case 'scalar':
      return type.name;
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'struct':
      return `struct<${type.fields.map(([n, f]) => `${quoteGlue(n)}:${glueTypeOf(f)}`).join(',')}>`;
    case 'array':
      return `array<${glueTypeOf(type.element)}>`;
    case 'map':
      return `map<${glueTypeOf(type.key)},${glueTypeOf(type.value)}>`;
  }
}

function readGlue(t: TypeText): ColumnType {
  const word = t.name().toLowerCase();
  if (word === 'struct') {
    t.expect('<');
    const fields: [string, ColumnType][] = [];
    do {
      const name = t.name();
      t.expect(':');
      fields.push([name, readGlue(t)]);
    } while (t.eat(','));
    t.expect('>');
    return { kind: 'struct', fields };
  }
  if (word === 'array') {
    t.expect('<');
    const element = readGlue(t);
    t.expect('>');
    return { kind: 'array', element };
  }
  if (word === 'map') {
    t.expect('<');
    const key = readGlue(t);
    t.expect(',');
    const value = readGlue(t);
    t.expect('>');
    return { kind: 'map', key, value };
  }
  if (word === 'decimal') {
    t.expect('(');
    const precision = Number(t.name());
    t.expect(',');
    const scale = Number(t.name());
    t.expect(')');
    return { kind: 'decimal', precision, scale };
  }
  if (word in duckOfScalar) return scalar(word as ScalarKind);
  throw new ColumnTypeError(`Unknown Glue type ${word}.`);
}

/** Glue's type text back to the model: the round trip the tests hold the Glue table to. */
export function parseGlueType(text: string): ColumnType {
  const t = new TypeText(text.trim());
  const type = readGlue(t);
  t.done();
  return type;
}

const flinkOfScalar: Record<ScalarKind, string> = {
  string: 'STRING',
  bigint: 'BIGINT',
  int: 'INT',
  smallint: 'SMALLINT',
  tinyint: 'TINYINT',
  double: 'DOUBLE',
  float: 'FLOAT',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP(3)',
  binary: 'BYTES',
};

export const quoteSql = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/** Flink SQL's type text. */
export function flinkTypeOf(type: ColumnType): string {
  switch (type.kind) {
    case 'scalar':
      return flinkOfScalar[type.name];
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'struct':
      return `ROW<${type.fields.map(([n, f]) => `${quoteSql(n)} ${flinkTypeOf(f)}`).join(', ')}>`;
    case 'array':
      return `ARRAY<${flinkTypeOf(type.element)}>`;
    case 'map':
      return `MAP<${flinkTypeOf(type.key)}, ${flinkTypeOf(type.value)}>`;
  }
}

/** Spark's DDL type text (what `from_json` takes); field names always quoted. */
export function sparkTypeOf(type: ColumnType): string {
  switch (type.kind) {
    case 'scalar':
      return type.name === 'int' ? 'INT' : type.name.toUpperCase();
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'struct':
      return `STRUCT<${type.fields.map(([n, f]) => `${quoteSql(n)}: ${sparkTypeOf(f)}`).join(', ')}>`;
    case 'array':
      return `ARRAY<${sparkTypeOf(type.element)}>`;
    case 'map':
      return `MAP<${sparkTypeOf(type.key)}, ${sparkTypeOf(type.value)}>`;
  }
}

export const scalarColumn = scalar;

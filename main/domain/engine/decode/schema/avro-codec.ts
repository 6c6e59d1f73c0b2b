import avro, { type Type } from 'avsc';
import { BigLongType, DISPLAY_LOGICAL_TYPES } from './avro-types';
import { jsonLeaf, MAX_SCHEMA_DEPTH, SchemaDecodeError, type SchemaValue } from './schema-value';

type Fielded = Type & { fields?: { name: string; type: Type }[] };
type Composite = Type & { types?: Type[]; itemsType?: Type; valuesType?: Type };

export function parseAvro(definition: string): Type {
  let schema: unknown;
  try {
    schema = JSON.parse(definition);
  } catch {
    // Not the parser's message: it quotes the text, and a file chosen by mistake may hold secrets.
    throw new SchemaDecodeError('the Avro schema is not valid JSON');
  }
  try {
    // Unions wrapped always, so the branch each value took is known and named for the inspector.
    return avro.Type.forSchema(schema as avro.Schema, {
      registry: { long: BigLongType } as unknown as avro.ForSchemaOptions['registry'],
      logicalTypes: DISPLAY_LOGICAL_TYPES,
      wrapUnions: 'always',
    });
  } catch (error) {
    throw new SchemaDecodeError(`the Avro schema is not valid: ${(error as Error).message}`);
  }
}

/**
 * Whether a value of this type can take no bytes at all. An array of such items could declare
 * two billion of them in five bytes and hang the reader, so such schemas are refused up front.
 */
function zeroWidth(type: Type, seen = new Set<Type>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  const name = type.typeName;
  if (name === 'null') return true;
  if (name === 'fixed') return (type as Type & { size: number }).size === 0;
  if (name === 'record' || name === 'error') return ((type as Fielded).fields ?? []).every((field) => zeroWidth(field.type, seen));
  if (name.startsWith('logical:')) return zeroWidth((type as avro.types.LogicalType).underlyingType, seen);
  return false;
}

function refuseEndlessArrays(type: Type, seen = new Set<Type>()): void {
  if (seen.has(type)) return;
  seen.add(type);
  const composite = type as Composite & Fielded;
  if (composite.itemsType) {
    if (zeroWidth(composite.itemsType))
      throw new SchemaDecodeError('the Avro schema has an array of values that take no bytes, which a record could make endless');
    refuseEndlessArrays(composite.itemsType, seen);
  }
  if (composite.valuesType) refuseEndlessArrays(composite.valuesType, seen);
  for (const branch of composite.types ?? []) refuseEndlessArrays(branch, seen);
  for (const field of composite.fields ?? []) refuseEndlessArrays(field.type, seen);
  if (type.typeName.startsWith('logical:')) refuseEndlessArrays((type as avro.types.LogicalType).underlyingType, seen);
}

/** Avro's datum as JSON: wrapped unions unwrapped (their branch kept by path), longs, bytes and fixed as JSON can hold them. */
function toJson(type: Type, value: unknown, path: string, branches: Record<string, string>, depth: number): unknown {
  if (depth > MAX_SCHEMA_DEPTH) throw new SchemaDecodeError(`the value is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
  const composite = type as Composite & Fielded;
  if (type.typeName === 'union:wrapped') {
    if (value === null) {
      branches[path] = 'null';
      return null;
    }
    const [branchName, inner] = Object.entries(value as Record<string, unknown>)[0]!;
    branches[path] = branchName;
    const branch = composite.types!.find((candidate) => candidate.branchName === branchName)!;
    return toJson(branch, inner, path, branches, depth + 1);
  }
  if (composite.fields) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of composite.fields)
      out[field.name] = toJson(field.type, record[field.name], `${path}.${field.name}`, branches, depth + 1);
    return out;
  }
  if (composite.itemsType)
    return (value as unknown[]).map((item, at) => toJson(composite.itemsType!, item, `${path}[${at}]`, branches, depth + 1));
  if (composite.valuesType) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>))
      out[key] = toJson(composite.valuesType, item, `${path}[${JSON.stringify(key)}]`, branches, depth + 1);
    return out;
  }
  return jsonLeaf(value);
}

export interface AvroCodec {
  type: Type;
  decode(body: Buffer): SchemaValue;
}

/**
 * An Avro decoder for one writer schema. With a reader schema, records of this writer are
 * read as the reader's shape by Avro's resolution rules (fields added with defaults, removed,
 * promoted): how a run holding several versions gets one shape.
 */
export function compileAvro(writerDefinition: string, readerDefinition?: string): AvroCodec {
  const writer = parseAvro(writerDefinition);
  refuseEndlessArrays(writer);
  const reader = readerDefinition ? parseAvro(readerDefinition) : writer;
  let resolver: avro.Resolver | undefined;
  if (reader !== writer) {
    try {
      resolver = reader.createResolver(writer);
    } catch (error) {
      throw new SchemaDecodeError(`the reader schema cannot read this writer's records: ${(error as Error).message}`);
    }
  }
  return {
    type: reader,
    decode(body) {
      let datum: unknown;
      try {
        datum = resolver ? reader.fromBuffer(body, resolver) : reader.fromBuffer(body);
      } catch (error) {
        throw new SchemaDecodeError(`the Avro body does not match its schema: ${(error as Error).message}`);
      }
      const branches: Record<string, string> = {};
      const value = toJson(reader, datum, '$', branches, 0);
      return { value, ...(Object.keys(branches).length > 0 ? { branches } : {}) };
    },
  };
}

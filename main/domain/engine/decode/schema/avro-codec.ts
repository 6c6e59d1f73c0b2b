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

/**
 * Turns one of avsc's datums into JSON: wrapped unions unwrapped (their branch kept by path),
 * longs, bytes and fixed as JSON can hold them. Built once per type, so a record's value is
 * converted without looking its schema up again; `path` is only built under a union, the one
 * place it is written down.
 */
type ToJson = (value: unknown, path: string, branches: Record<string, string>, depth: number) => unknown;

const passThrough: ToJson = (value) => value;

/** Whether values of this type hold a union anywhere inside, so their paths must be tracked. */
function holdsUnion(type: Type, seen = new Set<Type>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  const composite = type as Composite & Fielded;
  if (type.typeName === 'union:wrapped') return true;
  if (composite.fields) return composite.fields.some((field) => holdsUnion(field.type, seen));
  if (composite.itemsType) return holdsUnion(composite.itemsType, seen);
  if (composite.valuesType) return holdsUnion(composite.valuesType, seen);
  return false;
}

/** The leaves JSON holds as they are: strings, numbers, booleans, null, enums (avsc reads them so already). */
const PLAIN_LEAVES = new Set(['string', 'int', 'float', 'double', 'boolean', 'null', 'enum']);

function compileToJson(type: Type, built = new Map<Type, ToJson>()): ToJson {
  const known = built.get(type);
  if (known) return known;
  // A recursive schema reaches its own type again: that call goes through this slot, filled below.
  let convert: ToJson = passThrough;
  const self: ToJson = (value, path, branches, depth) => convert(value, path, branches, depth);
  built.set(type, self);
  convert = buildToJson(type, built);
  return convert;
}

function tooDeep(depth: number): void {
  if (depth > MAX_SCHEMA_DEPTH) throw new SchemaDecodeError(`the value is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
}

function buildToJson(type: Type, built: Map<Type, ToJson>): ToJson {
  const composite = type as Composite & Fielded;
  if (type.typeName === 'union:wrapped') {
    const branchOf = new Map(composite.types!.map((branch) => [branch.branchName!, compileToJson(branch, built)]));
    return (value, path, branches, depth) => {
      tooDeep(depth);
      if (value === null) {
        branches[path] = 'null';
        return null;
      }
      // A wrapped union's value has one key, the branch's name.
      let branchName = '';
      for (const key in value as Record<string, unknown>) {
        branchName = key;
        break;
      }
      branches[path] = branchName;
      return branchOf.get(branchName)!((value as Record<string, unknown>)[branchName], path, branches, depth + 1);
    };
  }
  if (composite.fields) {
    const fields = composite.fields.map((field) => ({
      name: field.name,
      suffix: `.${field.name}`,
      convert: compileToJson(field.type, built),
      tracked: holdsUnion(field.type),
    }));
    return (value, path, branches, depth) => {
      tooDeep(depth);
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const field of fields)
        out[field.name] = field.convert(record[field.name], field.tracked ? path + field.suffix : path, branches, depth + 1);
      return out;
    };
  }
  if (composite.itemsType) {
    const convert = compileToJson(composite.itemsType, built);
    const tracked = holdsUnion(composite.itemsType);
    return (value, path, branches, depth) => {
      tooDeep(depth);
      return (value as unknown[]).map((item, at) => convert(item, tracked ? `${path}[${at}]` : path, branches, depth + 1));
    };
  }
  if (composite.valuesType) {
    const convert = compileToJson(composite.valuesType, built);
    const tracked = holdsUnion(composite.valuesType);
    return (value, path, branches, depth) => {
      tooDeep(depth);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>))
        out[key] = convert(item, tracked ? `${path}[${JSON.stringify(key)}]` : path, branches, depth + 1);
      return out;
    };
  }
  if (PLAIN_LEAVES.has(type.typeName)) return (value, _path, _branches, depth) => (tooDeep(depth), value);
  return (value, _path, _branches, depth) => (tooDeep(depth), jsonLeaf(value));
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
  const toJson = compileToJson(reader);
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
      const value = toJson(datum, '$', branches, 0);
      return { value, ...(Object.keys(branches).length > 0 ? { branches } : {}) };
    },
  };
}

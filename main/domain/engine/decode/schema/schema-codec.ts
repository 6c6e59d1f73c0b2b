import type protobuf from 'protobufjs';
import { compileAvro } from './avro-codec';
import { compileProtobuf, rootFromText, type ProtobufFraming } from './protobuf-codec';
import type { ResolvedSchema, SchemaFormat, SchemaRef } from './schema-resolver';
import { MAX_DEFINITION_CHARS, SchemaDecodeError, type SchemaValue } from './schema-value';

/** One schema made ready to decode record bodies: compiled once, used for every record that names it. */
export interface SchemaCodec {
  ref: SchemaRef;
  decode(body: Buffer, framing: ProtobufFraming): SchemaValue;
  /** The writer's schema, for what types its values (a run's Parquet and CSV columns); absent for JSON Schema. */
  writer?: WriterSchema;
}

/** A writer schema as a run types columns from it: Avro's JSON text, or Protobuf's resolved types. */
export type WriterSchema = { format: 'AVRO'; definition: string } | { format: 'PROTOBUF'; root: protobuf.Root };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** GSR's JSON format: the body is the value's UTF-8 JSON text (JsonSerializer writes it with Jackson). */
export function decodeJsonBody(body: Buffer): SchemaValue {
  try {
    return { value: JSON.parse(utf8.decode(body)) as unknown };
  } catch (error) {
    throw new SchemaDecodeError(`the JSON body cannot be read: ${(error as Error).message}`);
  }
}

export const refOf = (schema: SchemaRef): SchemaRef => ({
  registry: schema.registry,
  name: schema.name,
  version: schema.version,
  id: schema.id,
  format: schema.format,
});

/** A schema a registry resolved, compiled for its format. Throws SchemaDecodeError when the text cannot be a schema. */
export function compileResolved(schema: ResolvedSchema, options: { message?: string } = {}): SchemaCodec {
  if (schema.definition.length > MAX_DEFINITION_CHARS)
    throw new SchemaDecodeError(`the schema is ${schema.definition.length} characters long, more than the ${MAX_DEFINITION_CHARS} read`);
  const ref = refOf(schema);
  return { ref, ...decoderFor(schema.format, schema.definition, schema.imports, options.message) };
}

function decoderFor(
  format: SchemaFormat,
  definition: string,
  imports: Record<string, string> | undefined,
  message: string | undefined,
): Pick<SchemaCodec, 'decode' | 'writer'> {
  switch (format) {
    case 'AVRO': {
      const codec = compileAvro(definition);
      return { decode: (body) => codec.decode(body), writer: { format: 'AVRO', definition } };
    }
    case 'PROTOBUF': {
      const { root, fileRoot } = rootFromText(definition, imports);
      const codec = compileProtobuf(root, fileRoot, message);
      return { decode: (body, framing) => codec.decode(body, framing), writer: { format: 'PROTOBUF', root } };
    }
    case 'JSON':
      return { decode: decodeJsonBody };
    default:
      throw new SchemaDecodeError(`the schema's format ${String(format)} is not one Shardscope reads`);
  }
}

/** How a schema is named in a record's reason: "GSR version …, payments v2 (AVRO)". */
export function describeRef(ref: SchemaRef): string {
  return `${ref.name}${ref.version !== null ? ` v${ref.version}` : ''} (${ref.format})`;
}

import { basename, dirname, extname, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { compileAvroEncoder } from './avro-encode';
import { compileJsonSchemaEncoder } from './json-schema-encode';
import { formatOfFile, loadDescriptorRoot, loadProtoRoot, readBounded, type LocalSchemaFile } from './local-schema-file';
import { rootFromText } from './protobuf-codec';
import { compileProtobufEncoder, type ProtobufEncoder } from './protobuf-encode';
import { refOf } from './schema-codec';
import { SchemaEncodeError } from './schema-encode-error';
import type { ResolvedSchema, SchemaFormat, SchemaRef } from './schema-resolver';
import { SchemaDecodeError } from './schema-value';
import { CONFLUENT_MAGIC, GSR_COMPRESSION_NONE, GSR_COMPRESSION_ZLIB, GSR_HEADER_VERSION } from './wire-framing';

/** How an encoded record carries its schema: GSR's header (its body zlib-compressed or not), Confluent's, or nothing. */
export type WireFormat = 'gsr' | 'gsr-zlib' | 'confluent' | 'raw';

/** One schema made ready to write JSON values as record bytes in one wire format. */
export interface SchemaEncoder {
  ref: SchemaRef;
  wire: WireFormat;
  /** The record's bytes; a value that does not fit the schema throws SchemaEncodeError naming its path. */
  encode(value: unknown): Buffer;
}

interface BodyEncoder {
  encode(value: unknown): Buffer;
  protobuf?: ProtobufEncoder;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An unsigned base-128 varint: GSR's Protobuf message index (ProtobufWireFormatEncoder, writeUInt32NoTag). */
function uvarint(value: number): Buffer {
  const writer = protobuf.Writer.create();
  writer.uint32(value);
  return Buffer.from(writer.finish());
}

/** Confluent's message indexes (MessageIndexes.java): the path [0] as one 0 byte, else a zig-zag count and each index zig-zag. */
export function confluentIndexes(path: number[]): Buffer {
  if (path.length === 1 && path[0] === 0) return Buffer.from([0]);
  const writer = protobuf.Writer.create();
  writer.sint32(path.length);
  for (const index of path) writer.sint32(index);
  return Buffer.from(writer.finish());
}

/**
 * GSR framing (aws-glue-schema-registry eed1506, SerializationDataEncoder): header version 3,
 * compression byte, the version UUID as two big-endian longs, then the body, compressed with
 * zlib (wrapper included, as java.util.zip.Deflater writes it) when asked.
 */
export function frameGsr(versionId: string, body: Buffer, zlib: boolean): Buffer {
  if (!UUID.test(versionId)) throw new SchemaEncodeError('$', `"${versionId}" is not a Glue schema version id`);
  const header = Buffer.from([GSR_HEADER_VERSION, zlib ? GSR_COMPRESSION_ZLIB : GSR_COMPRESSION_NONE]);
  return Buffer.concat([header, Buffer.from(versionId.replace(/-/g, ''), 'hex'), zlib ? deflateSync(body) : body]);
}

/** Confluent framing (SchemaId.java): magic 0, then the schema id as a big-endian signed int. */
export function frameConfluent(id: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = CONFLUENT_MAGIC;
  header.writeInt32BE(id, 1);
  return Buffer.concat([header, body]);
}

function bodyEncoder(
  format: SchemaFormat,
  definition: string,
  protobufRoots: () => { root: protobuf.Root; ownTypes: protobuf.NamespaceBase },
  message?: string,
): BodyEncoder {
  switch (format) {
    case 'AVRO':
      return compileAvroEncoder(definition);
    case 'JSON':
      return compileJsonSchemaEncoder(definition);
    case 'PROTOBUF': {
      const { root, ownTypes } = protobufRoots();
      const encoder = compileProtobufEncoder(root, ownTypes, message);
      return { encode: (value) => encoder.encode(value), protobuf: encoder };
    }
    default:
      throw new SchemaEncodeError('$', `the schema's format ${String(format)} is not one Shardscope writes`);
  }
}

function framed(ref: SchemaRef, wire: WireFormat, body: BodyEncoder): SchemaEncoder {
  const index = body.protobuf;
  if (wire === 'gsr' || wire === 'gsr-zlib') {
    if (!UUID.test(ref.id)) throw new SchemaEncodeError('$', 'GSR framing needs a schema version from the Glue Schema Registry');
    if (index && index.gsrIndex < 0)
      throw new SchemaEncodeError('$', `${index.type.fullName.slice(1)} is not a message of the schema's own file`);
  }
  if (wire === 'confluent' && !/^\d+$/.test(ref.id))
    throw new SchemaEncodeError('$', 'Confluent framing needs a schema id from a Confluent-compatible registry');
  return {
    ref,
    wire,
    encode(value) {
      const payload = body.encode(value);
      switch (wire) {
        case 'gsr':
        case 'gsr-zlib':
          return frameGsr(ref.id, index ? Buffer.concat([uvarint(index.gsrIndex), payload]) : payload, wire === 'gsr-zlib');
        case 'confluent':
          return frameConfluent(Number(ref.id), index ? Buffer.concat([confluentIndexes(index.confluentPath), payload]) : payload);
        default:
          return payload;
      }
    },
  };
}

/** A schema a registry gave, compiled to write: `message` picks the Protobuf type when the file has several. */
export function compileEncoder(schema: ResolvedSchema, wire: WireFormat, message?: string): SchemaEncoder {
  const roots = () => {
    const { root, fileRoot } = rootFromText(schema.definition, schema.imports);
    return { root, ownTypes: fileRoot };
  };
  return framed(refOf(schema), wire, bodyEncoder(schema.format, schema.definition, roots, message));
}

/** A local schema file compiled to write; its ref names the file, as reads name it. */
export async function loadLocalEncoder(file: LocalSchemaFile, wire: WireFormat): Promise<SchemaEncoder> {
  const path = resolve(file.path);
  const format = formatOfFile(path);
  const ref: SchemaRef = { registry: 'file', name: file.message ?? basename(path), version: null, id: path, format };
  if (format === 'PROTOBUF') {
    const loaded =
      extname(path).toLowerCase() === '.proto'
        ? await loadProtoRoot(path, resolve(file.importDir ?? dirname(path)))
        : await loadDescriptorRoot(path).then((root) => ({ root, ownTypes: root }));
    return framed(
      ref,
      wire,
      bodyEncoder(format, '', () => loaded, file.message),
    );
  }
  const text = (await readBounded(path)).toString('utf8');
  return framed(
    ref,
    wire,
    bodyEncoder(format, text, () => {
      throw new SchemaDecodeError('not a Protobuf schema');
    }),
  );
}

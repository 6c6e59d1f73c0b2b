import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { compileAvro } from './avro-codec';
import { compileProtobuf, fileTypesOf } from './protobuf-codec';
import { decodeJsonBody, type SchemaCodec } from './schema-codec';
import type { SchemaFormat, SchemaRef } from './schema-resolver';
import { MAX_DEFINITION_CHARS, SchemaDecodeError } from './schema-value';

/** A schema file chosen by the user for a stream (or for one command). */
export interface LocalSchemaFile {
  /** An .avsc, a .proto, a FileDescriptorSet (.desc, .pb, .protoset) or a JSON Schema (.json). */
  path: string;
  /** The message type records are read as (Protobuf), when the file has several. */
  message?: string;
  /** Where a .proto's imports are looked up; the file's own folder when absent. */
  importDir?: string;
}

/** Several files are read for one .proto with imports; a bound keeps a hostile import graph from reading a disk. */
const MAX_PROTO_FILES = 256;

export function formatOfFile(path: string): SchemaFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.avsc') return 'AVRO';
  if (['.proto', '.desc', '.pb', '.protoset'].includes(extension)) return 'PROTOBUF';
  if (extension === '.json') return 'JSON';
  throw new SchemaDecodeError(`${basename(path)} is not a schema file Shardscope reads (.avsc, .proto, .desc, .pb, .protoset, .json)`);
}

export async function readBounded(path: string): Promise<Buffer> {
  const info = await stat(path);
  if (!info.isFile()) throw new SchemaDecodeError(`${path} is not a file`);
  if (info.size > MAX_DEFINITION_CHARS)
    throw new SchemaDecodeError(`${path} is ${info.size} bytes, more than a schema file may be (1 MiB)`);
  return readFile(path);
}

type ProtoDecoder = Pick<SchemaCodec, 'decode' | 'writer'>;

/** A .proto file and its imports from a folder; google/protobuf files come from protobufjs's own copies. */
async function loadProtoFile(path: string, importDir: string, message: string | undefined): Promise<ProtoDecoder> {
  const { root, ownTypes } = await loadProtoRoot(path, importDir);
  const codec = compileProtobuf(root, ownTypes, message);
  return { decode: (body, framing) => codec.decode(body, framing), writer: { format: 'PROTOBUF', root } };
}

/** A .proto's types resolved with its imports, and its own types alone (what GSR's index counts). */
export async function loadProtoRoot(path: string, importDir: string): Promise<{ root: protobuf.Root; ownTypes: protobuf.Root }> {
  const text = (await readBounded(path)).toString('utf8');
  const ownTypes = fileTypesOf(text);
  const root = new protobuf.Root();
  let files = 0;
  root.resolvePath = (_origin, target) => {
    if (++files > MAX_PROTO_FILES) throw new SchemaDecodeError(`the .proto imports more than ${MAX_PROTO_FILES} files`);
    return isAbsolute(target) ? target : join(importDir, target);
  };
  try {
    await root.load(path, { keepCase: true });
    root.resolveAll();
  } catch (error) {
    throw new SchemaDecodeError(`${basename(path)} cannot be read with its imports from ${importDir}: ${(error as Error).message}`);
  }
  return { root, ownTypes };
}

/** A FileDescriptorSet keeps no file boundaries once merged, so GSR's index counts every message in it. */
async function loadDescriptorSet(path: string, message: string | undefined): Promise<ProtoDecoder> {
  const root = await loadDescriptorRoot(path);
  const codec = compileProtobuf(root, root, message);
  return { decode: (body, framing) => codec.decode(body, framing), writer: { format: 'PROTOBUF', root } };
}

export async function loadDescriptorRoot(path: string): Promise<protobuf.Root> {
  const bytes = await readBounded(path);
  let root: protobuf.Root;
  try {
    root = (protobuf.Root as unknown as { fromDescriptor(bytes: Uint8Array): protobuf.Root }).fromDescriptor(
      descriptor.FileDescriptorSet.decode(bytes) as unknown as Uint8Array,
    );
    root.resolveAll();
  } catch (error) {
    throw new SchemaDecodeError(`${basename(path)} is not a FileDescriptorSet: ${(error as Error).message}`);
  }
  return root;
}

/** Reads and compiles a local schema file; throws SchemaDecodeError (or a file error) saying why it cannot be used. */
export async function loadLocalSchema(file: LocalSchemaFile): Promise<SchemaCodec> {
  const path = resolve(file.path);
  const format = formatOfFile(path);
  const ref: SchemaRef = { registry: 'file', name: file.message ?? basename(path), version: null, id: path, format };
  const extension = extname(path).toLowerCase();
  if (extension === '.proto') return { ref, ...(await loadProtoFile(path, resolve(file.importDir ?? dirname(path)), file.message)) };
  if (format === 'PROTOBUF') return { ref, ...(await loadDescriptorSet(path, file.message)) };
  const text = (await readBounded(path)).toString('utf8');
  if (format === 'AVRO') {
    const codec = compileAvro(text);
    return { ref, decode: (body) => codec.decode(body), writer: { format: 'AVRO', definition: text } };
  }
  try {
    JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text, and a file chosen by mistake may hold secrets.
    throw new SchemaDecodeError(`${basename(path)} is not a JSON Schema: it is not valid JSON`);
  }
  return { ref, decode: decodeJsonBody };
}

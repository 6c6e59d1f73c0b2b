import protobuf from 'protobufjs';
import { gsrMessageNames, messageAtPath, readConfluentIndexes, topLevelMessages } from './protobuf-index';
import { protoJson } from './protobuf-json';
import { SchemaDecodeError, type SchemaValue } from './schema-value';

export type ProtobufFraming = 'gsr' | 'confluent' | 'raw';

export interface ProtobufCodec {
  /** The message types as GSR numbers them, for the inspector and for tests against the Java vectors. */
  gsrNames: readonly string[];
  decode(body: Buffer, framing: ProtobufFraming): SchemaValue;
}

/** The first byte of a Protobuf message is a tag, and field numbers start at 1: below 0x08 it can only be an index. */
const FIRST_TAG = 0x08;

/** A .proto file's own types, unresolved: what GSR's index and Confluent's paths count. */
export function fileTypesOf(definition: string): protobuf.Root {
  try {
    return protobuf.parse(definition, new protobuf.Root(), { keepCase: true }).root;
  } catch (error) {
    throw new SchemaDecodeError(`the Protobuf schema cannot be read: ${(error as Error).message}`);
  }
}

/**
 * A .proto file's text, with the texts of the files it imports by path (Confluent references) and
 * protobufjs's bundled google/protobuf files for the rest: a root ready to decode.
 */
export function rootFromText(definition: string, imports: Record<string, string> = {}): { root: protobuf.Root; fileRoot: protobuf.Root } {
  try {
    const fileRoot = fileTypesOf(definition);
    const root = new protobuf.Root();
    const pending = [definition];
    const loaded = new Set<string>();
    while (pending.length > 0) {
      const parsed = protobuf.parse(pending.pop()!, root, { keepCase: true });
      for (const path of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
        if (loaded.has(path)) continue;
        loaded.add(path);
        if (imports[path] !== undefined) pending.push(imports[path]);
        else if (protobuf.common.get(path)) root.addJSON(protobuf.common.get(path)!.nested!);
        else throw new Error(`it imports "${path}", which the registry did not give`);
      }
    }
    root.resolveAll();
    return { root, fileRoot };
  } catch (error) {
    throw new SchemaDecodeError(`the Protobuf schema cannot be read: ${(error as Error).message}`);
  }
}

/**
 * A Protobuf decoder. `fileRoot` holds the schema file's own types (for the message index);
 * `message` is the type a record without an index is read as, when the user named one.
 */
export function compileProtobuf(root: protobuf.Root, fileRoot: protobuf.NamespaceBase, message?: string): ProtobufCodec {
  const gsrNames = gsrMessageNames(fileRoot);
  const lookup = (name: string): protobuf.Type => {
    try {
      return root.lookupType(name);
    } catch {
      throw new SchemaDecodeError(`the schema has no message type ${name}`);
    }
  };
  const chosen = message ? lookup(message) : undefined;
  const only = topLevelMessages(fileRoot);
  const bare = (): protobuf.Type => {
    if (chosen) return chosen;
    if (only.length === 1) return lookup(only[0]!.fullName);
    throw new SchemaDecodeError('the record has no message index and the schema has several message types: name the one to read');
  };
  const read = (type: protobuf.Type, bytes: Buffer): SchemaValue => {
    let message: protobuf.Message;
    try {
      // The plain Reader, not the Buffer one protobufjs picks for a Buffer: that one cuts a string
      // whose declared length runs past the end instead of refusing it, so a truncated record would pass.
      message = type.decode(new protobuf.Reader(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
    } catch (error) {
      throw new SchemaDecodeError(`the Protobuf body does not match ${type.fullName.slice(1)}: ${(error as Error).message}`);
    }
    const object = type.toObject(message, { longs: String, enums: String, bytes: String, defaults: true });
    return { value: protoJson(type, object, 0), message: type.fullName };
  };
  const withGsrIndex = (body: Buffer): SchemaValue => {
    const reader = protobuf.Reader.create(body);
    const index = reader.uint32();
    const name = gsrNames[index];
    if (name === undefined) throw new SchemaDecodeError(`no message type at index ${index} (the schema has ${gsrNames.length})`);
    return read(lookup(name), body.subarray(reader.pos));
  };
  return {
    gsrNames,
    decode(body, framing) {
      if (framing === 'confluent') {
        let start: { path: number[]; offset: number };
        let type: protobuf.Type;
        try {
          start = readConfluentIndexes(body);
          type = lookup(messageAtPath(fileRoot, start.path).fullName);
        } catch (error) {
          throw new SchemaDecodeError(`the record's message index cannot be read: ${(error as Error).message}`);
        }
        return read(type, body.subarray(start.offset));
      }
      if (framing === 'raw') return read(bare(), body);
      // AWS's Kafka serializers write the index; its Kinesis example (GlueSchemaRegistrySerializerImpl.encode) does not.
      if (body.length > 0 && body[0]! < FIRST_TAG) return withGsrIndex(body);
      if (gsrNames.length > FIRST_TAG) {
        try {
          return withGsrIndex(body);
        } catch {
          // Not an index after all: the bare message below.
        }
      }
      return read(bare(), body);
    },
  };
}

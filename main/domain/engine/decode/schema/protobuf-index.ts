import protobuf from 'protobufjs';

/**
 * The name GSR's Java reader gives a map field's entry type (FileDescriptorUtils.toMapEntry in
 * aws-glue-schema-registry eed1506): words joined in UpperCamel (the rest of each word lower-cased)
 * when the name has an underscore, then "Entry", first letter upper-cased.
 */
export function mapEntryName(field: string): string {
  const camel = field.includes('_')
    ? field
        .split('_')
        .map((word) => (word ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : ''))
        .join('')
    : field;
  const name = `${camel}Entry`;
  return name[0]!.toUpperCase() + name.slice(1);
}

/**
 * GSR's Protobuf message index names (MessageIndexFinder.getAll): every message type of this
 * file, nested ones and map entries included, sorted by full name in UTF-16 code-unit order
 * (Java's String.compareTo, not localeCompare). The index in a record is a position in this list.
 * `root` must hold only this file's own types: imported files are not counted.
 */
export function gsrMessageNames(fileRoot: protobuf.NamespaceBase): string[] {
  const names: string[] = [];
  const walk = (namespace: protobuf.NamespaceBase) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) {
        const name = nested.fullName.slice(1);
        names.push(name);
        for (const field of nested.fieldsArray) if (field.map) names.push(`${name}.${mapEntryName(field.name)}`);
        walk(nested);
      } else if (nested instanceof protobuf.Namespace && !(nested instanceof protobuf.Service)) walk(nested);
    }
  };
  walk(fileRoot);
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Message types in declaration order, as Confluent's index paths count them: enums and services skipped. */
function messagesOf(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  return namespace.nestedArray.filter((nested): nested is protobuf.Type => nested instanceof protobuf.Type);
}

/** A file's top-level messages, looking through its package namespaces. */
export function topLevelMessages(fileRoot: protobuf.NamespaceBase): protobuf.Type[] {
  const found: protobuf.Type[] = [];
  const walk = (namespace: protobuf.NamespaceBase) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) found.push(nested);
      else if (nested instanceof protobuf.Namespace && !(nested instanceof protobuf.Service)) walk(nested);
    }
  };
  walk(fileRoot);
  return found;
}

/** A Confluent message-index path is at most as deep as any schema anyone nests. */
const MAX_INDEX_PATH = 64;

/**
 * Confluent's message indexes (MessageIndexes.java): a zig-zag varint count, then each index
 * zig-zag; a count of 0 is the path [0]. Returns the path and where the message bytes start.
 */
export function readConfluentIndexes(body: Buffer): { path: number[]; offset: number } {
  const reader = protobuf.Reader.create(body);
  const count = reader.sint32();
  if (count < 0 || count > MAX_INDEX_PATH) throw new Error(`its message-index count ${count} is not a path any schema has`);
  if (count === 0) return { path: [0], offset: reader.pos };
  const path: number[] = [];
  for (let at = 0; at < count; at++) path.push(reader.sint32());
  return { path, offset: reader.pos };
}

/** The message a Confluent path names: element 0 among the file's top-level messages, each further among the nested ones. */
export function messageAtPath(fileRoot: protobuf.NamespaceBase, path: number[]): protobuf.Type {
  let candidates = topLevelMessages(fileRoot);
  let type: protobuf.Type | undefined;
  for (const index of path) {
    type = candidates[index];
    if (!type) throw new Error(`no message type at index path [${path.join(', ')}]`);
    candidates = messagesOf(type);
  }
  return type!;
}

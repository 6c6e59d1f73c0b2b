import protobuf from 'protobufjs';
import { MAX_NESTING } from '../formats/parquet-types';
import { scalar, type SchemaColumn } from './schema-column';

const scalars: Record<string, SchemaColumn> = {
  double: scalar('DOUBLE'),
  float: scalar('FLOAT'),
  int32: scalar('INT32'),
  sint32: scalar('INT32'),
  sfixed32: scalar('INT32'),
  // Unsigned values past the signed range of their width: the next wider column holds them exactly.
  uint32: scalar('INT64'),
  fixed32: scalar('INT64'),
  int64: scalar('INT64'),
  sint64: scalar('INT64'),
  sfixed64: scalar('INT64'),
  uint64: { kind: 'decimal', precision: 20, scale: 0 },
  fixed64: { kind: 'decimal', precision: 20, scale: 0 },
  bool: scalar('BOOLEAN'),
  string: scalar('STRING'),
  bytes: scalar('BINARY'),
};

const WRAPPER = /^\.google\.protobuf\.(Double|Float|Int64|UInt64|Int32|UInt32|Bool|String|Bytes)Value$/;

/**
 * The column of a message type: its fields in declaration order. Timestamp is a TIMESTAMP (to
 * the microsecond), Duration an INT64 of microseconds, a wrapper its value (null when unset);
 * Struct, Value, Any and the rest of google.protobuf are JSON text.
 */
export function messageColumn(type: protobuf.Type, depth = 0): SchemaColumn {
  if (type.fullName === '.google.protobuf.Timestamp') return scalar('TIMESTAMP_MICROS');
  if (type.fullName === '.google.protobuf.Duration') return scalar('DURATION_MICROS');
  const wrapper = WRAPPER.exec(type.fullName);
  if (wrapper) return fieldColumn(type.fields.value!, depth);
  if (type.fullName.startsWith('.google.protobuf.') || depth >= MAX_NESTING || type.fieldsArray.length === 0) return scalar('JSON');
  return { kind: 'struct', fields: type.fieldsArray.map((field) => [field.name, fieldColumn(field, depth + 1)]) };
}

function fieldColumn(field: protobuf.Field, depth: number): SchemaColumn {
  field.resolve();
  const resolved = field.resolvedType;
  const one: SchemaColumn =
    resolved instanceof protobuf.Type
      ? messageColumn(resolved, depth)
      : resolved instanceof protobuf.Enum
        ? scalar('STRING')
        : (scalars[field.type] ?? scalar('JSON'));
  if (field.map) return { kind: 'map', value: one };
  return field.repeated ? { kind: 'list', element: one } : one;
}

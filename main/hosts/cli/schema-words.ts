import type { SchemaRefView } from '../../../shared/contract';

/** "payments v2 (AVRO) from shardscope-demo": the schema a write encodes with, for its confirmation. */
export function schemaWords(ref: SchemaRefView): string {
  const version = ref.version !== null ? ` v${ref.version}` : '';
  return `${ref.name}${version} (${ref.format}) from ${ref.registry === 'file' ? ref.id : ref.registry}`;
}

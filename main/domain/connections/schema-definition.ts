import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { MAX_SHOWN_DEFINITION_CHARS, type LocalSchemaFileInput, type SchemaDefinition } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { formatOfFile } from '../engine/decode/schema/local-schema-file';
import type { ResolvedSchema, SchemaLookup, SchemaResolver } from '../engine/decode/schema/schema-resolver';
import { MAX_DEFINITION_CHARS } from '../engine/decode/schema/schema-value';

const GSR_VERSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DESCRIPTOR_SETS = new Set(['.desc', '.pb', '.protoset']);

/** A decoded record's wire id as its registry knows it: a UUID is a Glue version, digits a Confluent id. */
export function lookupOf(id: string): SchemaLookup {
  if (GSR_VERSION_ID.test(id)) return { kind: 'gsr', versionId: id.toLowerCase() };
  if (/^\d{1,10}$/.test(id) && Number(id) <= 0xffffffff) return { kind: 'confluent', id: Number(id) };
  throw new AppError('invalid-input', `"${id.slice(0, 80)}" is neither a Glue schema version id nor a Confluent schema id.`);
}

/**
 * A schema's definition to show, from the connection's registries (whose cache answers for any
 * version already seen: versions never change, so none is fetched twice) or from a file bound to
 * one of its streams. Only bound files: the caller cannot name any other path on this machine.
 */
export async function schemaDefinition(
  ref: { registry: string; id: string },
  registries: SchemaResolver | undefined,
  boundFiles: LocalSchemaFileInput[],
): Promise<SchemaDefinition> {
  if (ref.registry === 'file') return fileDefinition(ref.id, boundFiles);
  const lookup = lookupOf(ref.id);
  if (!registries) throw new AppError('unavailable', 'This connection reaches no schema registry to look the schema up in.');
  return shown(await registries.resolve(lookup));
}

async function fileDefinition(path: string, boundFiles: LocalSchemaFileInput[]): Promise<SchemaDefinition> {
  const file = boundFiles.find((bound) => bound.path === path);
  if (!file) throw new AppError('not-found', 'No stream of this connection is bound to that schema file.');
  const format = formatOfFile(path);
  if (DESCRIPTOR_SETS.has(extname(path).toLowerCase()))
    throw new AppError('unavailable', `${basename(path)} is a compiled descriptor set: it has no text to show.`);
  const info = await stat(path);
  if (!info.isFile() || info.size > MAX_DEFINITION_CHARS)
    throw new AppError('unavailable', `${basename(path)} is not a schema file of at most 1 MiB.`);
  const definition = await readFile(path, 'utf8');
  return shown({ registry: 'file', name: file.message ?? basename(path), version: null, id: path, format, definition });
}

function shown(schema: ResolvedSchema): SchemaDefinition {
  let truncated = false;
  const cut = (text: string) => {
    if (text.length <= MAX_SHOWN_DEFINITION_CHARS) return text;
    truncated = true;
    return text.slice(0, MAX_SHOWN_DEFINITION_CHARS);
  };
  const { imports, definition, ...ref } = schema;
  return {
    ...ref,
    definition: cut(definition),
    imports: Object.entries(imports ?? {}).map(([name, text]) => ({ name, definition: cut(text) })),
    truncated,
  };
}

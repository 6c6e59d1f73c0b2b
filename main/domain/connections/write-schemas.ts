import type { RegistrySchemaList, WriteEncoding } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { SchemaEncodeError } from '../engine/decode/schema/schema-encode-error';
import { compileEncoder, loadLocalEncoder, type SchemaEncoder } from '../engine/decode/schema/schema-encoder';
import type { ResolvedSchema } from '../engine/decode/schema/schema-resolver';
import { SchemaDecodeError } from '../engine/decode/schema/schema-value';
import type { ConnectionManager } from './connection-manager';
import { ConfluentSchemaResolver } from './schema-registry/confluent-resolver';
import type { GlueSchemaResolver } from './schema-registry/glue-resolver';
import { SchemaCache } from './schema-registry/schema-cache';
import type { SchemaBindingStore } from './schema-bindings';
import { bindingScope } from './schema-source';

/** The encoder a write of JSON to `stream` uses: its schema resolved (registry, name, version) and compiled for its wire. */
export type WriteSchemas = (owner: SessionOwner, stream: string, encoding: WriteEncoding) => Promise<SchemaEncoder>;

export interface WriteSchemaDeps {
  connections: ConnectionManager;
  bindings: SchemaBindingStore;
  /** The caller's connection's Glue Schema Registry; undefined for a local endpoint that names none. */
  glue: (owner: SessionOwner) => GlueSchemaResolver | undefined;
}

/** One resolver per registry URL in this process, so a version is fetched once; URLs come without credentials. */
const confluentResolvers = new Map<string, ConfluentSchemaResolver>();

function confluentAt(url: string): ConfluentSchemaResolver {
  let resolver = confluentResolvers.get(url);
  if (!resolver) {
    resolver = new ConfluentSchemaResolver({ url, auth: async () => ({ kind: 'none' }), cache: new SchemaCache(null) });
    confluentResolvers.set(url, resolver);
  }
  return resolver;
}

function glueOf(deps: WriteSchemaDeps, owner: SessionOwner): GlueSchemaResolver {
  const glue = deps.glue(owner);
  if (!glue)
    throw new AppError(
      'invalid-input',
      "This connection is a local endpoint with no Glue Schema Registry: name the registry's endpoint in the connection to write with its schemas.",
    );
  return glue;
}

/** What a schema that cannot encode says, in the words every host shows. */
function unusable(error: unknown): never {
  if (error instanceof SchemaEncodeError || error instanceof SchemaDecodeError)
    throw new AppError('invalid-input', `The schema cannot be used to write: ${error.message}`);
  throw error;
}

export function writeSchemas(deps: WriteSchemaDeps): WriteSchemas {
  return async (owner, stream, { source, wire }) => {
    const compiled = (schema: ResolvedSchema, message: string | undefined) => {
      try {
        return compileEncoder(schema, wire, message);
      } catch (error) {
        return unusable(error);
      }
    };
    switch (source.kind) {
      case 'glue':
        return compiled(await glueOf(deps, owner).byName(source.registry, source.name, source.version), source.message);
      case 'confluent':
        return compiled(await confluentAt(source.url).bySubject(source.subject, source.version), source.message);
      case 'file':
        return loadLocalEncoder(source.file, wire).catch(unusable);
      case 'binding': {
        const binding = await deps.bindings.find(bindingScope(deps.connections.active(owner)), stream);
        if (!binding?.file) throw new AppError('invalid-input', `The stream ${stream} has no schema file bound to it to write with.`);
        return loadLocalEncoder(binding.file, wire).catch(unusable);
      }
    }
  };
}

const LIST_LIMIT = 500;

/** A registry's schemas for a picker: Glue's ListSchemas over every registry, or a Confluent registry's subjects. */
export async function listRegistrySchemas(
  deps: WriteSchemaDeps,
  owner: SessionOwner,
  registry: { kind: 'glue' } | { kind: 'confluent'; url: string },
): Promise<RegistrySchemaList> {
  if (registry.kind === 'glue') {
    const schemas = await glueOf(deps, owner).list(LIST_LIMIT + 1);
    return { schemas: schemas.slice(0, LIST_LIMIT), truncated: schemas.length > LIST_LIMIT };
  }
  const resolver = confluentAt(registry.url);
  const subjects = await resolver.subjects(LIST_LIMIT + 1);
  const host = new URL(registry.url).host;
  return { schemas: subjects.slice(0, LIST_LIMIT).map((name) => ({ registry: host, name })), truncated: subjects.length > LIST_LIMIT };
}

import type { RegistrySchemaList, RegistrySchemasInput, WriteEncoding } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { SchemaEncodeError } from '../engine/decode/schema/schema-encode-error';
import { compileEncoder, loadLocalEncoder, type SchemaEncoder } from '../engine/decode/schema/schema-encoder';
import type { ResolvedSchema } from '../engine/decode/schema/schema-resolver';
import { SchemaDecodeError } from '../engine/decode/schema/schema-value';
import type { ConnectionManager } from './connection-manager';
import { ConfluentSchemaResolver, registryUrl } from './schema-registry/confluent-resolver';
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
  /** The caller's connection's Confluent-compatible registry, with its credentials; undefined when it names none. */
  confluent: (owner: SessionOwner) => ConfluentSchemaResolver | undefined;
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

/**
 * The Confluent registry a write or a picker asks: the connection's own (with its credentials and
 * the cache its reads share) when no URL is given or the URL is the connection's; any other URL
 * without credentials, so a token is never sent to a registry the connection did not name.
 */
function confluentOf(
  deps: WriteSchemaDeps,
  owner: SessionOwner,
  url: string | undefined,
): { resolver: ConfluentSchemaResolver; host: string } {
  const ownUrl = deps.connections.target(owner).schemaRegistry?.url;
  const own = ownUrl ? deps.confluent(owner) : undefined;
  if (url === undefined) {
    if (!own || !ownUrl)
      throw new AppError(
        'invalid-input',
        'This connection names no Confluent-compatible schema registry to take the schema from.',
        'set-schema-registry',
      );
    return { resolver: own, host: registryUrl(ownUrl).host };
  }
  const asked = registryUrl(url);
  if (own && ownUrl && asked.href === registryUrl(ownUrl).href) return { resolver: own, host: asked.host };
  return { resolver: confluentAt(url), host: asked.host };
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
        return compiled(await confluentOf(deps, owner, source.url).resolver.bySubject(source.subject, source.version), source.message);
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
  registry: RegistrySchemasInput,
): Promise<RegistrySchemaList> {
  if (registry.kind === 'glue') {
    const schemas = await glueOf(deps, owner).list(LIST_LIMIT + 1);
    return { schemas: schemas.slice(0, LIST_LIMIT), truncated: schemas.length > LIST_LIMIT };
  }
  const { resolver, host } = confluentOf(deps, owner, registry.url);
  const subjects = await resolver.subjects(LIST_LIMIT + 1);
  return { schemas: subjects.slice(0, LIST_LIMIT).map((name) => ({ registry: host, name })), truncated: subjects.length > LIST_LIMIT };
}

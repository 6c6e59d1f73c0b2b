import { createHash } from 'node:crypto';
import path from 'node:path';
import type { GlueClient } from '@aws-sdk/client-glue';
import { createGlueClient } from '../../../aws/clients';
import { checkEndpoint, credentialsOf, describeTarget, type ConnectionTarget } from '../target';
import { GlueSchemaResolver } from './glue-resolver';
import { SchemaCache } from './schema-cache';

/** The folder in the data folder that schema caches live in, one file per connection and registry. */
export const SCHEMA_CACHE_FOLDER = 'schema-cache';

/**
 * One resolver per connection in this process, so every reader, search and run of a connection
 * shares its cache and a version is fetched once. A connection is its region, where its Glue
 * calls go and who it signs as: the same version id in two accounts is two lookups.
 */
const resolvers = new Map<string, GlueSchemaResolver>();

export function glueSchemaResolver(target: ConnectionTarget, options: { dataDir: string | null }): GlueSchemaResolver {
  const endpoint = target.glueEndpoint ? checkEndpoint(target.glueEndpoint) : null;
  const identity = [target.kind, target.region, endpoint ?? process.env.AWS_ENDPOINT_URL_GLUE ?? 'aws', describeTarget(target).label];
  const key = `${options.dataDir ?? ''}\n${identity.join('\n')}`;
  const known = resolvers.get(key);
  if (known) return known;
  const file = options.dataDir
    ? path.join(
        options.dataDir,
        SCHEMA_CACHE_FOLDER,
        `glue-${createHash('sha256').update(identity.join('\n')).digest('hex').slice(0, 24)}.json`,
      )
    : null;
  let client: Promise<GlueClient> | null = null;
  const resolver = new GlueSchemaResolver(
    () => (client ??= createGlueClient({ region: target.region, endpoint, credentials: credentialsOf(target) })),
    new SchemaCache(file),
  );
  resolvers.set(key, resolver);
  return resolver;
}

import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ConnectionTarget } from '../target';
import { describeTarget } from '../target';
import { ConfluentSchemaResolver } from './confluent-resolver';
import { SCHEMA_CACHE_FOLDER } from './glue-resolvers';
import type { RegistrySecrets } from './registry-secrets';
import { SchemaCache } from './schema-cache';

/**
 * One Confluent resolver per connection and registry setting in this app, so every read of a
 * connection shares its cache. The secret is not part of the key: it is read from the keychain
 * at each fetch, so a new token is used at once without a new resolver.
 */
export class ConfluentResolvers {
  private readonly resolvers = new Map<string, { resolver: ConfluentSchemaResolver; connection: string }>();

  constructor(
    private readonly secrets: RegistrySecrets,
    private readonly dataDir: string | null,
  ) {
    // A 401 or 403 remembered from the old secret would otherwise hold for its failure memory.
    secrets.onChange((changed) => {
      for (const { resolver, connection } of this.resolvers.values()) if (connection === changed) resolver.forgetFailures();
    });
  }

  of(target: ConnectionTarget): ConfluentSchemaResolver | undefined {
    const registry = target.schemaRegistry;
    if (!registry) return undefined;
    // A saved connection's secret is under its name; the sandbox's registry asks for none.
    const connection = describeTarget(target).label;
    const identity = [registry.url, registry.auth.kind, registry.auth.kind === 'basic' ? registry.auth.username : '', connection];
    const key = identity.join('\n');
    const known = this.resolvers.get(key);
    if (known) return known.resolver;
    const file = this.dataDir
      ? path.join(this.dataDir, SCHEMA_CACHE_FOLDER, `confluent-${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`)
      : null;
    const resolver = new ConfluentSchemaResolver({
      url: registry.url,
      auth: this.secrets.authFor(connection, registry.auth),
      cache: new SchemaCache(file),
    });
    this.resolvers.set(key, { resolver, connection });
    return resolver;
  }
}

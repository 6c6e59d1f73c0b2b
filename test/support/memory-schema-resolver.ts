import { AppError } from '../../main/core/app-error';
import type { ResolvedSchema, SchemaLookup, SchemaResolver } from '../../main/domain/engine/decode/schema/schema-resolver';

/**
 * A schema registry held in memory: a real SchemaResolver serving the schemas a test registers,
 * counting the lookups it answers, and refusing ids it does not hold as a registry would.
 */
export class MemorySchemaResolver implements SchemaResolver {
  readonly lookups: SchemaLookup[] = [];
  private readonly schemas = new Map<string, ResolvedSchema>();
  private readonly refused = new Set<string>();

  private static key(lookup: SchemaLookup): string {
    return lookup.kind === 'gsr' ? `gsr:${lookup.versionId}` : `confluent:${lookup.id}`;
  }

  add(lookup: SchemaLookup, schema: Omit<ResolvedSchema, 'id'>): this {
    const id = lookup.kind === 'gsr' ? lookup.versionId : String(lookup.id);
    this.schemas.set(MemorySchemaResolver.key(lookup), { ...schema, id });
    return this;
  }

  /** Lookups of this id are refused as a registry refuses a caller without the permission. */
  refuse(lookup: SchemaLookup): this {
    this.refused.add(MemorySchemaResolver.key(lookup));
    return this;
  }

  async resolve(lookup: SchemaLookup): Promise<ResolvedSchema> {
    this.lookups.push(lookup);
    const key = MemorySchemaResolver.key(lookup);
    if (this.refused.has(key)) throw new AppError('access-denied', 'Not allowed to call glue:GetSchemaVersion.');
    const schema = this.schemas.get(key);
    if (!schema) throw new AppError('not-found', `Schema version ${key.slice(key.indexOf(':') + 1)} is not in the registry.`);
    return schema;
  }
}

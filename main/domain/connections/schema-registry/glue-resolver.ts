import { GetSchemaVersionCommand, paginateListSchemas, type GetSchemaVersionResponse, type GlueClient } from '@aws-sdk/client-glue';
import { classifyAwsError } from '../../../aws/errors';
import { AppError, toApiError } from '../../../core/app-error';
import type { ResolvedSchema, SchemaFormat, SchemaLookup, SchemaResolver } from '../../engine/decode/schema/schema-resolver';
import type { SchemaCache } from './schema-cache';

const VERSION_ID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const FORMATS = new Set<SchemaFormat>(['AVRO', 'PROTOBUF', 'JSON']);

/**
 * Resolves the schema version ids that Glue Schema Registry framing carries, with one
 * GetSchemaVersion per version (its cache shares calls made at once and keeps the answers).
 * The schema's name is the last segment of its ARN and the registry the one before, as AWS's
 * own deserializer names them.
 */
export class GlueSchemaResolver implements SchemaResolver {
  constructor(
    private readonly client: () => Promise<GlueClient>,
    private readonly cache: SchemaCache,
  ) {}

  async resolve(lookup: SchemaLookup): Promise<ResolvedSchema> {
    if (lookup.kind !== 'gsr')
      throw new AppError('invalid-input', `Schema id ${lookup.id} is a Confluent id; the Glue Schema Registry has version ids only.`);
    const versionId = lookup.versionId.toLowerCase();
    if (!VERSION_ID.test(versionId)) throw new AppError('invalid-input', `"${lookup.versionId}" is not a Glue schema version id.`);
    return this.cache.get(`gsr:${versionId}`, () => this.fetch(versionId));
  }

  /**
   * A schema by registry, name and version (or the latest), as a producer names the one it writes
   * with. Not cached by name: "latest" moves. The version it gives is then cached by its id.
   */
  async byName(registry: string, name: string, version: number | 'latest'): Promise<ResolvedSchema> {
    const what = `${registry}/${name} ${version === 'latest' ? '(latest version)' : `version ${version}`}`;
    let answer;
    try {
      answer = await (
        await this.client()
      ).send(
        new GetSchemaVersionCommand({
          SchemaId: { RegistryName: registry, SchemaName: name },
          SchemaVersionNumber: version === 'latest' ? { LatestVersion: true } : { VersionNumber: version },
        }),
      );
    } catch (error) {
      throw refusalOf(error, what);
    }
    const schema = resolvedOf(answer, what);
    return this.cache.get(`gsr:${schema.id}`, async () => schema);
  }

  /** The schemas of every registry the connection can see, for a picker; at most `limit`. */
  async list(limit = 500): Promise<{ registry: string; name: string }[]> {
    const found: { registry: string; name: string }[] = [];
    try {
      for await (const page of paginateListSchemas({ client: await this.client(), pageSize: 100 }, {})) {
        for (const item of page.Schemas ?? [])
          if (item.RegistryName && item.SchemaName) found.push({ registry: item.RegistryName, name: item.SchemaName });
        if (found.length >= limit) break;
      }
    } catch (error) {
      throw refusalOf(error, 'the schema list', 'glue:ListSchemas');
    }
    return found.slice(0, limit);
  }

  private async fetch(versionId: string): Promise<ResolvedSchema> {
    let answer;
    try {
      answer = await (await this.client()).send(new GetSchemaVersionCommand({ SchemaVersionId: versionId }));
    } catch (error) {
      throw refusalOf(error, versionId);
    }
    return resolvedOf(answer, versionId, versionId);
  }
}

function resolvedOf(answer: GetSchemaVersionResponse, what: string, knownId?: string): ResolvedSchema {
  const format = answer.DataFormat as SchemaFormat | undefined;
  const versionId = (answer.SchemaVersionId ?? knownId)?.toLowerCase();
  if (!answer.SchemaDefinition || !format || !FORMATS.has(format) || !answer.SchemaArn || !versionId || !VERSION_ID.test(versionId))
    throw new AppError('aws', `Glue's answer for schema version ${what} has no schema definition, data format, version id or ARN.`);
  const { registry, name } = namesFromArn(answer.SchemaArn);
  return {
    registry,
    name,
    version: answer.VersionNumber ?? null,
    id: versionId,
    format,
    definition: answer.SchemaDefinition,
  };
}

/** `arn:aws:glue:<region>:<account>:schema/<registry>/<schema>`. */
export function namesFromArn(arn: string): { registry: string; name: string } {
  const segments = arn.slice(arn.indexOf(':schema/') + 1).split('/');
  return { registry: segments.length >= 3 ? segments[1]! : '', name: segments.at(-1) ?? arn };
}

/** What went wrong, said for the version asked about: its record is shown raw with this reason. */
function refusalOf(error: unknown, versionId: string, action = 'glue:GetSchemaVersion'): AppError {
  const failure = classifyAwsError(error);
  switch (failure.failure) {
    case 'not-found':
      return new AppError(
        'not-found',
        `The Glue Schema Registry has no schema version ${versionId} (${failure.name}: ${failure.message}).`,
      );
    case 'access-denied':
      return new AppError(
        'access-denied',
        `Glue refused to give schema version ${versionId}: the connection's credentials need ${action} (${failure.name}: ${failure.message}).`,
      );
    default: {
      const api = toApiError(error);
      return new AppError(api.code, `Schema version ${versionId} could not be fetched from Glue: ${api.message}`);
    }
  }
}

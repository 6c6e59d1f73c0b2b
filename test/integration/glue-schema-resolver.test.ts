import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateSchemaCommand, RegisterSchemaVersionCommand, type GlueClient } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlueClient } from '../../main/aws/clients';
import { AppError } from '../../main/core/app-error';
import { GlueSchemaResolver } from '../../main/domain/connections/schema-registry/glue-resolver';
import { glueSchemaResolver, SCHEMA_CACHE_FOLDER } from '../../main/domain/connections/schema-registry/glue-resolvers';
import { SchemaCache } from '../../main/domain/connections/schema-registry/schema-cache';
import { startLocalGlueRegistry, type LocalGlueRegistry } from '../../main/domain/sandbox/registries/glue-registry-server';

const REGION = 'us-east-1';
const KEYS = { accessKeyId: 'x', secretAccessKey: 'x' };
const userV1 = JSON.stringify({ type: 'record', name: 'User', fields: [{ name: 'name', type: 'string' }] });
const userV2 = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int', default: 0 },
  ],
});

let registry: LocalGlueRegistry;
let admin: GlueClient;
let dataDir: string;
let v1: string;
let v2: string;

const getCalls = () => registry.calls.get('GetSchemaVersion') ?? 0;
const resolverWith = (cacheFile: string | null) =>
  new GlueSchemaResolver(
    () => createGlueClient({ region: REGION, endpoint: registry.endpoint, credentials: KEYS }),
    new SchemaCache(cacheFile),
  );

beforeAll(async () => {
  registry = await startLocalGlueRegistry({ region: REGION });
  admin = await createGlueClient({ region: REGION, endpoint: registry.endpoint, credentials: KEYS });
  dataDir = await mkdtemp(path.join(tmpdir(), 'shardscope-glue-'));
  const created = await admin.send(
    new CreateSchemaCommand({
      RegistryId: { RegistryName: 'default-registry' },
      SchemaName: 'users',
      DataFormat: 'AVRO',
      SchemaDefinition: userV1,
    }),
  );
  v1 = created.SchemaVersionId!;
  const second = await admin.send(
    new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: 'users', RegistryName: 'default-registry' }, SchemaDefinition: userV2 }),
  );
  v2 = second.SchemaVersionId!;
});
afterAll(async () => {
  admin.destroy();
  await registry.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('GlueSchemaResolver against the Glue stand-in', () => {
  it('names the schema and registry from the ARN, and calls GetSchemaVersion once per version under concurrent lookups', async () => {
    const resolver = resolverWith(null);
    const before = getCalls();
    const lookups = await Promise.all(
      [v1, v2, v1, v2, v1.toUpperCase(), v2].map((versionId) => resolver.resolve({ kind: 'gsr', versionId })),
    );
    expect(getCalls() - before).toBe(2);
    expect(lookups[0]).toEqual({ registry: 'default-registry', name: 'users', version: 1, id: v1, format: 'AVRO', definition: userV1 });
    expect(lookups[1]).toMatchObject({ version: 2, id: v2, definition: userV2 });
    await resolver.resolve({ kind: 'gsr', versionId: v1 });
    expect(getCalls() - before).toBe(2);
  });

  it('says a missing version is missing, naming it', async () => {
    const missing = '0a0b0c0d-0000-4000-8000-000000000001';
    const error = await resolverWith(null)
      .resolve({ kind: 'gsr', versionId: missing })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not-found');
    expect((error as AppError).message).toContain(`no schema version ${missing}`);
    expect((error as AppError).message).toContain('EntityNotFoundException');
  });

  it('says a refused call was refused and which action the credentials need', async () => {
    registry.refused.add('GetSchemaVersion');
    try {
      const error = await resolverWith(null)
        .resolve({ kind: 'gsr', versionId: v1 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('access-denied');
      expect((error as AppError).message).toMatch(/need glue:GetSchemaVersion \(AccessDeniedException: .*not authorized/);
    } finally {
      registry.refused.delete('GetSchemaVersion');
    }
  });

  it('keeps versions on disk: a new process resolves them without calling Glue', async () => {
    const file = path.join(dataDir, 'cache-restart.json');
    const first = new SchemaCache(file);
    const before = getCalls();
    await new GlueSchemaResolver(() => createGlueClient({ region: REGION, endpoint: registry.endpoint, credentials: KEYS }), first).resolve(
      { kind: 'gsr', versionId: v2 },
    );
    await first.flushed();
    expect(getCalls() - before).toBe(1);

    const again = await resolverWith(file).resolve({ kind: 'gsr', versionId: v2 });
    expect(again).toMatchObject({ name: 'users', version: 2, definition: userV2 });
    expect(getCalls() - before).toBe(1);
  });

  it('bounds the cache: past its limit the least recently used version goes', async () => {
    const file = path.join(dataDir, 'cache-bounded.json');
    const cache = new SchemaCache(file, { entries: 1, characters: 1_000_000 });
    const resolver = new GlueSchemaResolver(
      () => createGlueClient({ region: REGION, endpoint: registry.endpoint, credentials: KEYS }),
      cache,
    );
    const before = getCalls();
    await resolver.resolve({ kind: 'gsr', versionId: v1 });
    await resolver.resolve({ kind: 'gsr', versionId: v2 });
    await resolver.resolve({ kind: 'gsr', versionId: v1 });
    expect(getCalls() - before).toBe(3);
  });

  it("shares one resolver per connection, with its cache file in the data folder, and honours the connection's Glue endpoint", async () => {
    const target = { kind: 'sandbox' as const, endpoint: 'http://127.0.0.1:1', region: REGION, glueEndpoint: registry.endpoint };
    const resolver = glueSchemaResolver(target, { dataDir });
    expect(glueSchemaResolver({ ...target }, { dataDir })).toBe(resolver);
    const before = getCalls();
    await resolver.resolve({ kind: 'gsr', versionId: v1 });
    expect(getCalls() - before).toBe(1);
    await expect.poll(() => readdir(path.join(dataDir, SCHEMA_CACHE_FOLDER))).toHaveLength(1);
  });

  it('takes AWS_ENDPOINT_URL_GLUE where the connection names no Glue endpoint', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_GLUE;
    process.env.AWS_ENDPOINT_URL_GLUE = registry.endpoint;
    try {
      const target = { kind: 'endpoint' as const, endpoint: 'http://127.0.0.1:2', region: REGION, credentials: async () => KEYS };
      const before = getCalls();
      const schema = await glueSchemaResolver(target, { dataDir: null }).resolve({ kind: 'gsr', versionId: v2 });
      expect(schema.version).toBe(2);
      expect(getCalls() - before).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_GLUE;
      else process.env.AWS_ENDPOINT_URL_GLUE = previous;
    }
  });
});

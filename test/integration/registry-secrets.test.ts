import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toApiError } from '../../main/core/app-error';
import { ConfluentSchemaResolver } from '../../main/domain/connections/schema-registry/confluent-resolver';
import { RegistrySecrets } from '../../main/domain/connections/schema-registry/registry-secrets';
import { SchemaCache } from '../../main/domain/connections/schema-registry/schema-cache';
import { KeychainSecretStore } from '../../main/domain/connections/secret-store';
import { startLocalConfluentRegistry, type LocalConfluentRegistry } from '../../main/domain/sandbox/registries/confluent-registry-server';
import { tempDataDir } from '../support/app';
import { describeWithKeyring, secretToolLookup } from '../support/keychain';

const CANARY = `REGISTRYKEYCANARY${randomBytes(12).toString('hex')}`;
const CONNECTION = `registry-test-${randomBytes(4).toString('hex')}`;

describeWithKeyring("a schema registry's secret stays in the keychain", () => {
  const dataDir = tempDataDir();
  const secrets = new RegistrySecrets(new KeychainSecretStore());
  let registry: LocalConfluentRegistry;

  beforeAll(async () => {
    registry = await startLocalConfluentRegistry({ credentials: { bearer: CANARY } });
  });
  afterAll(async () => {
    await secrets.delete(CONNECTION).catch(() => false);
    await registry?.close();
  });

  it('is kept under its own keychain entry, used for each fetch, and reaches no file or error', async () => {
    await secrets.set(CONNECTION, CANARY);
    expect(await secretToolLookup(`schema-registry:${CONNECTION}`)).toContain(CANARY);
    const id = registry.register('clicks-value', '{"type":"string"}').id;
    const cache = new SchemaCache(path.join(dataDir, 'schema-cache', 'confluent.json'));
    const resolver = new ConfluentSchemaResolver({ url: registry.endpoint, auth: secrets.authFor(CONNECTION, { kind: 'bearer' }), cache });
    expect((await resolver.resolve({ kind: 'confluent', id })).definition).toBe('{"type":"string"}');
    await cache.flushed();

    await secrets.set(CONNECTION, `${CANARY}-old`);
    const refused = await resolver.resolve({ kind: 'confluent', id: id + 1 }).catch((error: unknown) => error);
    expect(JSON.stringify(toApiError(refused))).not.toContain(CANARY);

    const files = (await readdir(dataDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(await readFile(path.join(file.parentPath, file.name), 'utf8')).not.toContain(CANARY);

    expect(await secrets.delete(CONNECTION)).toBe(true);
    expect(await secretToolLookup(`schema-registry:${CONNECTION}`)).toBeNull();
  });
});

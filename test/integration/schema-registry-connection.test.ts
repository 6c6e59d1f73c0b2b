import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { SessionSecretStore } from '../../main/domain/connections/secret-store';
import { startLocalConfluentRegistry, type LocalConfluentRegistry } from '../../main/domain/sandbox/registries/confluent-registry-server';
import type { SaveProfileInput, SchemaDefinition } from '../../shared/contract';
import { recordingOwner, startTestApp } from '../support/app';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw } from '../support/sdk';

const TOKEN = `REGISTRYTOKENCANARY${randomBytes(12).toString('hex')}`;
const CLICK = { type: 'record', name: 'Click', namespace: 'web', fields: [{ name: 'page', type: 'string' }] };
const VIEW = { type: 'record', name: 'View', namespace: 'web', fields: [{ name: 'seconds', type: 'int' }] };

/** Confluent framing written by hand: magic 0, the id big-endian, then avsc's own Avro binary. */
function confluentFrame(id: number, schema: object, value: object): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(id, 1);
  return Buffer.concat([header, avro.Type.forSchema(schema as avro.Schema).toBuffer(value)]);
}

describe("a saved connection's Confluent-compatible registry", () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let registry: LocalConfluentRegistry;
  let app: ShardscopeApp;
  const keychain = new SessionSecretStore();
  const logged: string[] = [];
  const owner = recordingOwner();
  const stream = 'clicks';
  let clickId: number;
  let viewId: number;

  const profile = (overrides: Partial<SaveProfileInput['profile']> = {}): SaveProfileInput['profile'] => ({
    name: 'registry-dev',
    region: server.region,
    endpoint: server.endpoint,
    source: { type: 'default-chain' },
    schemaRegistry: { url: registry.endpoint, auth: { kind: 'bearer' } },
    ...overrides,
  });
  const recordKey = async (index: number) => {
    const record = (await readAllRaw(client, stream))[index]!;
    return { stream, shardId: record.shardId, sequenceNumber: record.sequenceNumber, subSequenceNumber: null };
  };

  beforeAll(async () => {
    [server, registry] = await Promise.all([
      startKinesisServer('kinesalite'),
      startLocalConfluentRegistry({ credentials: { bearer: TOKEN } }),
    ]);
    clickId = registry.register('clicks-value', JSON.stringify(CLICK)).id;
    viewId = registry.register('views-value', JSON.stringify(VIEW)).id;
    client = arrangeClient(server);
    await createStream(client, stream, 1);
    await client.send(
      new PutRecordCommand({ StreamName: stream, PartitionKey: 'c', Data: confluentFrame(clickId, CLICK, { page: '/home' }) }),
    );
    await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'v', Data: confluentFrame(viewId, VIEW, { seconds: 42 }) }));
    app = await startTestApp({ keychain, connection: 'none', logError: (message, error) => logged.push(message, error) });
  });
  afterAll(async () => {
    await app?.stop();
    client?.destroy();
    await Promise.all([server?.stop(), registry?.close()]);
  });

  it('keeps the token in the keychain, sends it as a bearer header, and decodes Confluent records with it', async () => {
    const saved = await app.dispatch('connections:save', { profile: profile(), registrySecret: TOKEN }, owner);
    expect(saved).toMatchObject({
      ok: true,
      value: { schemaRegistry: { url: registry.endpoint, auth: { kind: 'bearer' } }, registrySecret: 'keychain' },
    });
    expect(await keychain.get('schema-registry:registry-dev')).toEqual({ secretAccessKey: TOKEN });
    expect(await app.dispatch('connections:activate', { name: 'registry-dev' }, owner)).toMatchObject({ ok: true });

    const host = new URL(registry.endpoint).host;
    expect(await app.dispatch('preview:record', await recordKey(0), owner)).toMatchObject({
      ok: true,
      value: {
        encoding: 'json',
        json: { page: '/home' },
        schema: { registry: host, name: 'clicks-value', version: 1, id: String(clickId), format: 'AVRO' },
      },
    });
    // The inspector's "View schema" is answered from the cache: the version is not fetched again.
    const shown = await app.dispatch('schemas:get', { ref: { registry: host, id: String(clickId) } }, owner);
    expect(shown).toMatchObject({ ok: true, value: { name: 'clicks-value', format: 'AVRO', truncated: false, imports: [] } });
    expect(shown.ok && JSON.parse((shown.value as SchemaDefinition).definition)).toEqual(CLICK);
    expect(registry.calls.get('GET /schemas/ids/{id}')).toBe(1);
  });

  it('says a refused token without the token, in the record, the log, the list and every file', async () => {
    await app.dispatch('connections:save', { originalName: 'registry-dev', profile: profile(), registrySecret: `${TOKEN}-revoked` }, owner);
    const refused = await app.dispatch('preview:record', await recordKey(1), owner);
    expect(refused).toMatchObject({ ok: true, value: { encoding: 'binary', error: expect.stringMatching(/HTTP 401.*credentials/) } });
    const asked = await app.dispatch('schemas:get', { ref: { registry: 'x', id: String(viewId) } }, owner);
    expect(asked).toMatchObject({ ok: false, error: { code: 'access-denied' } });
    const listed = await app.dispatch('connections:list', {}, owner);
    expect(listed).toMatchObject({ ok: true, value: { profiles: [{ name: 'registry-dev', registrySecret: 'keychain' }] } });

    const files = (await readdir(app.dataDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    expect(files.map((file) => file.name)).toContain('profiles.json');
    const texts = await Promise.all(files.map((file) => readFile(path.join(file.parentPath, file.name), 'utf8')));
    for (const text of [...texts, JSON.stringify([refused, asked, listed, owner.received]), ...logged]) expect(text).not.toContain(TOKEN);

    // The right token again is used at once, not after the refusal's memory runs out.
    await app.dispatch('connections:save', { originalName: 'registry-dev', profile: profile(), registrySecret: TOKEN }, owner);
    expect(await app.dispatch('preview:record', await recordKey(1), owner)).toMatchObject({
      ok: true,
      value: { encoding: 'json', json: { seconds: 42 } },
    });
  });

  it('refuses a registry URL that is no http(s) URL, holds credentials, or sends a token in the clear over a network', async () => {
    const refusal = async (schemaRegistry: SaveProfileInput['profile']['schemaRegistry']) => {
      const result = await app.dispatch(
        'connections:save',
        { profile: profile({ name: 'bad', schemaRegistry }), registrySecret: 'x' },
        owner,
      );
      return result.ok ? 'saved' : result.error.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('\n');
    };
    expect(await refusal({ url: 'ftp://registry.example.com', auth: { kind: 'none' } })).toMatch(
      /profile\.schemaRegistry\.url: .*http or https/,
    );
    expect(await refusal({ url: 'https://me:pw@registry.example.com', auth: { kind: 'none' } })).toMatch(/without a user name or password/);
    expect(await refusal({ url: 'http://registry.example.com', auth: { kind: 'bearer' } })).toMatch(/Plain http with a password or token/);
    expect(await refusal({ url: 'https://registry.example.com', auth: { kind: 'basic', username: ' ' } })).toMatch(/needs a user name/);
    const noToken = await app.dispatch('connections:save', { profile: profile({ name: 'no-token' }) }, owner);
    expect(noToken).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'Enter the token for the schema registry.' } });
    expect(await app.dispatch('connections:list', {}, owner)).toMatchObject({ ok: true, value: { profiles: [{ name: 'registry-dev' }] } });
  });

  it('moves the token with a rename and deletes it once the registry is dropped or the connection removed', async () => {
    await app.dispatch('connections:save', { originalName: 'registry-dev', profile: profile(), registrySecret: TOKEN }, owner);
    await app.dispatch('connections:save', { originalName: 'registry-dev', profile: profile({ name: 'registry-renamed' }) }, owner);
    expect(await keychain.get('schema-registry:registry-dev')).toBeNull();
    expect(await keychain.get('schema-registry:registry-renamed')).toEqual({ secretAccessKey: TOKEN });
    expect(await app.dispatch('preview:record', await recordKey(1), owner)).toMatchObject({ ok: true, value: { json: { seconds: 42 } } });

    const dropped = await app.dispatch(
      'connections:save',
      { originalName: 'registry-renamed', profile: profile({ name: 'registry-renamed', schemaRegistry: null }) },
      owner,
    );
    expect(dropped).toMatchObject({ ok: true, value: { registrySecret: 'none' } });
    expect(await keychain.get('schema-registry:registry-renamed')).toBeNull();

    await app.dispatch(
      'connections:save',
      { originalName: 'registry-renamed', profile: profile({ name: 'registry-renamed' }), registrySecret: TOKEN },
      owner,
    );
    expect(await app.dispatch('connections:remove', { name: 'registry-renamed' }, owner)).toMatchObject({ ok: true });
    expect(await keychain.get('schema-registry:registry-renamed')).toBeNull();
  });

  it('signs in to a registry with basic authentication: its user name saved, its password in the keychain', async () => {
    const password = `basic-${TOKEN}`;
    const basic = await startLocalConfluentRegistry({ credentials: { basic: { username: 'reader', password } } });
    try {
      const id = basic.register('orders-value', JSON.stringify(VIEW)).id;
      const setting = (username: string) => ({ url: basic.endpoint, auth: { kind: 'basic' as const, username } });
      const host = new URL(basic.endpoint).host;
      const save = (username: string, originalName?: string) =>
        app.dispatch(
          'connections:save',
          {
            ...(originalName ? { originalName } : {}),
            profile: profile({ name: 'basic-dev', schemaRegistry: setting(username) }),
            registrySecret: password,
          },
          owner,
        );
      expect(await save('someone-else')).toMatchObject({ ok: true, value: { schemaRegistry: setting('someone-else') } });
      await app.dispatch('connections:activate', { name: 'basic-dev' }, owner);
      expect(await app.dispatch('schemas:get', { ref: { registry: host, id: String(id) } }, owner)).toMatchObject({
        ok: false,
        error: { code: 'access-denied', message: expect.not.stringContaining(password) },
      });
      await save('reader', 'basic-dev');
      expect(await app.dispatch('schemas:get', { ref: { registry: host, id: String(id) } }, owner)).toMatchObject({
        ok: true,
        value: { name: 'orders-value', version: 1 },
      });
      const file = await readFile(path.join(app.dataDir, 'profiles.json'), 'utf8');
      expect(file).toContain('"username": "reader"');
      expect(file).not.toContain(password);
    } finally {
      await basic.close();
    }
  });
});

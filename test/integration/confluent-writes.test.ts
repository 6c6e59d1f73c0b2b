import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { SessionSecretStore } from '../../main/domain/connections/secret-store';
import { startLocalConfluentRegistry, type LocalConfluentRegistry } from '../../main/domain/sandbox/registries/confluent-registry-server';
import type { RegistrySchemaList, SaveProfileInput, WritePlan } from '../../shared/contract';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';
import { runCli } from '../support/cli';
import { describeWithKeyring } from '../support/keychain';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

const TOKEN = `WRITETOKENCANARY${randomBytes(12).toString('hex')}`;
const ORDER = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'cents', type: 'long' },
  ],
};
const orderType = avro.Type.forSchema(ORDER as avro.Schema);

/** Confluent framing read by hand: magic byte 0, the schema id big-endian, then Avro binary avsc decodes on its own. */
function unframe(data: Uint8Array): { magic: number; id: number; value: unknown } {
  const bytes = Buffer.from(data);
  return { magic: bytes[0]!, id: bytes.readUInt32BE(1), value: orderType.fromBuffer(bytes.subarray(5)) };
}

let server: RunningKinesisServer;
let client: KinesisClient;
let registry: LocalConfluentRegistry;
let orderId: number;

beforeAll(async () => {
  [server, registry] = await Promise.all([
    startKinesisServer('kinesalite'),
    startLocalConfluentRegistry({ credentials: { bearer: TOKEN } }),
  ]);
  // A subject of another schema first, so the id written cannot be 1 by luck.
  registry.register('other-value', JSON.stringify({ type: 'string' }));
  orderId = registry.register('orders-value', JSON.stringify(ORDER)).id;
  client = arrangeClient(server);
});
afterAll(async () => {
  client?.destroy();
  await Promise.all([server?.stop(), registry?.close()]);
});

describe("writes encode with the connection's Confluent-compatible registry and its token", () => {
  let app: ShardscopeApp;
  const keychain = new SessionSecretStore();
  const logged: string[] = [];
  const owner = recordingOwner();
  const profile = (name: string, withRegistry = true): SaveProfileInput['profile'] => ({
    name,
    region: server.region,
    endpoint: server.endpoint,
    source: { type: 'default-chain' },
    schemaRegistry: withRegistry ? { url: registry.endpoint, auth: { kind: 'bearer' } } : null,
  });
  const put = (stream: string, data: unknown, source: Record<string, unknown>) => ({
    stream,
    data: JSON.stringify(data),
    encoding: 'json',
    partitionKey: 'k',
    explicitHashKey: null,
    schema: { source, wire: 'confluent' },
  });
  const write = async (input: ReturnType<typeof put>) => {
    const planned = await app.dispatch('writes:planPut', input, owner);
    if (!planned.ok) return planned;
    return app.dispatch('writes:put', { ...input, token: (planned.value as WritePlan).token }, owner);
  };

  beforeAll(async () => {
    app = await startTestApp({ keychain, connection: 'none', logError: (message, error) => logged.push(message, String(error)) });
    await app.dispatch('connections:save', { profile: profile('with-registry'), registrySecret: TOKEN }, owner);
    await app.dispatch('connections:save', { profile: profile('no-registry', false) }, owner);
  });
  afterAll(async () => app?.stop());

  it('writes Confluent-framed Avro by subject with no URL, and with the URL of its own registry, sending its token', async () => {
    await app.dispatch('connections:activate', { name: 'with-registry' }, owner);
    const stream = uniqueName('orders');
    await createStream(client, stream, 1);
    const bySubject = await write(put(stream, { id: 'o-1', cents: 1250 }, { kind: 'confluent', subject: 'orders-value' }));
    expect(bySubject.ok || bySubject.error).toBe(true);
    const byUrl = await write(
      put(stream, { id: 'o-2', cents: 7 }, { kind: 'confluent', url: `${registry.endpoint}/`, subject: 'orders-value' }),
    );
    expect(byUrl.ok || byUrl.error).toBe(true);

    const records = await readAllRaw(client, stream);
    expect(records.map((record) => unframe(record.data))).toEqual([
      { magic: 0, id: orderId, value: { id: 'o-1', cents: 1250 } },
      { magic: 0, id: orderId, value: { id: 'o-2', cents: 7 } },
    ]);

    const listed = await app.dispatch('schemas:listRegistry', { kind: 'confluent' }, owner);
    const host = new URL(registry.endpoint).host;
    expect(listed).toMatchObject({ ok: true, value: { truncated: false } });
    expect(listed.ok && (listed.value as RegistrySchemaList).schemas).toEqual(
      expect.arrayContaining([
        { registry: host, name: 'orders-value' },
        { registry: host, name: 'other-value' },
      ]),
    );
    // The window is told the registry's host only, so it can offer it; the token stays in main.
    expect(await app.dispatch('connections:list', {}, owner)).toMatchObject({ ok: true, value: { active: { schemaRegistry: host } } });

    const files = (await readdir(app.dataDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const texts = await Promise.all(files.map((file) => readFile(path.join(file.parentPath, file.name), 'utf8')));
    for (const text of [...texts, JSON.stringify([bySubject, byUrl, listed, owner.received]), ...logged]) expect(text).not.toContain(TOKEN);
  });

  it('refuses the connection’s registry on a connection that names none, with the remedy to name one', async () => {
    await app.dispatch('connections:activate', { name: 'no-registry' }, owner);
    const stream = uniqueName('orders');
    await createStream(client, stream, 1);
    const refused = await write(put(stream, { id: 'o-3', cents: 1 }, { kind: 'confluent', subject: 'orders-value' }));
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'This connection names no Confluent-compatible schema registry to take the schema from.',
        remedy: 'set-schema-registry',
      },
    });
    expect(await app.dispatch('schemas:listRegistry', { kind: 'confluent' }, owner)).toMatchObject({
      ok: false,
      error: { remedy: 'set-schema-registry' },
    });
    // Another registry's URL is asked without the token: this one refuses it, and nothing is written.
    const elsewhere = await write(
      put(stream, { id: 'o-3', cents: 1 }, { kind: 'confluent', url: registry.endpoint, subject: 'orders-value' }),
    );
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'access-denied' } });
    expect(await readAllRaw(client, stream)).toHaveLength(0);
  });
});

describeWithKeyring('shardscope put --schema-registry confluent', () => {
  const env = { SHARDSCOPE_HOME: tempDataDir() };
  const name = `cli-writes-${randomBytes(3).toString('hex')}`;

  afterAll(async () => {
    await runCli(['profiles', 'remove', name, '--yes'], { env });
  });

  it("encodes with the profile's registry and its keychain token; tail decodes it; the token is never printed", async () => {
    const added = await runCli(
      ['profiles', 'add', name, '--region', 'us-east-1', '--endpoint', server.endpoint, '--default-chain'].concat([
        '--schema-registry-url',
        registry.endpoint,
        '--schema-registry-auth',
        'bearer',
      ]),
      { env, stdin: `${TOKEN}\n` },
    );
    expect(added.code, added.stderr).toBe(0);
    const stream = uniqueName('cli-orders');
    await createStream(client, stream, 1);
    const value = { id: 'o-cli', cents: 99 };
    const put = await runCli(
      [
        'put',
        stream,
        '--data',
        JSON.stringify(value),
        '--schema-registry',
        'confluent',
        '--schema',
        'orders-value:1',
        '--profile',
        name,
        '--yes',
      ],
      { env },
    );
    expect(put.code, put.stderr).toBe(0);
    const [record] = await readAllRaw(client, stream);
    expect(unframe(record!.data)).toEqual({ magic: 0, id: orderId, value });

    const tail = await runCli(['tail', stream, '--profile', name, '--from', 'oldest', '--until', 'caught-up', '--json'], { env });
    expect(tail.code, tail.stderr).toBe(0);
    expect(JSON.parse(tail.stdout.trim())).toMatchObject({
      data: value,
      schema: { name: 'orders-value', id: String(orderId), format: 'AVRO' },
    });

    const files = (await readdir(env.SHARDSCOPE_HOME, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const texts = await Promise.all(files.map((file) => readFile(path.join(file.parentPath, file.name), 'utf8')));
    for (const text of [...texts, put.stdout, put.stderr, tail.stdout, tail.stderr]) expect(text).not.toContain(TOKEN);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, toApiError } from '../../main/core/app-error';
import { ConfluentSchemaResolver } from '../../main/domain/connections/schema-registry/confluent-resolver';
import { RegistrySecrets } from '../../main/domain/connections/schema-registry/registry-secrets';
import { SchemaCache } from '../../main/domain/connections/schema-registry/schema-cache';
import { SessionSecretStore } from '../../main/domain/connections/secret-store';
import { startLocalConfluentRegistry, type LocalConfluentRegistry } from '../../main/domain/sandbox/registries/confluent-registry-server';

const PASSWORD = `REGISTRYCANARY${randomBytes(12).toString('hex')}`;
const money = 'syntax = "proto3";\npackage shop;\nmessage Money { string currency = 1; int64 units = 2; }\n';
const order = 'syntax = "proto3";\npackage shop;\nimport "shop/money.proto";\nmessage Order { string id = 1; shop.Money total = 2; }\n';
const avro = JSON.stringify({ type: 'record', name: 'Click', fields: [{ name: 'page', type: 'string' }] });

let registry: LocalConfluentRegistry;
let dataDir: string;
let secrets: RegistrySecrets;
let orderId: number;
let avroId: number;

const resolver = (auth = secrets.authFor('shop', { kind: 'basic', username: 'reader' }), file: string | null = null) =>
  new ConfluentSchemaResolver({ url: registry.endpoint, auth, cache: new SchemaCache(file) });

beforeAll(async () => {
  registry = await startLocalConfluentRegistry({ credentials: { basic: { username: 'reader', password: PASSWORD } } });
  dataDir = await mkdtemp(path.join(tmpdir(), 'shardscope-confluent-'));
  secrets = new RegistrySecrets(new SessionSecretStore());
  await secrets.set('shop', PASSWORD);
  registry.register('money-value', money, 'PROTOBUF');
  orderId = registry.register('orders-value', order, 'PROTOBUF', [{ name: 'shop/money.proto', subject: 'money-value', version: 1 }]).id;
  avroId = registry.register('clicks-value', avro).id;
});
afterAll(async () => {
  await registry.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('ConfluentSchemaResolver against the Confluent-compatible stand-in', () => {
  it('fetches a schema by id with basic credentials from the secret store, AVRO when no type is given', async () => {
    const schema = await resolver().resolve({ kind: 'confluent', id: avroId });
    expect(schema).toEqual({
      registry: new URL(registry.endpoint).host,
      name: 'clicks-value',
      version: 1,
      id: String(avroId),
      format: 'AVRO',
      definition: avro,
    });
  });

  it('brings a Protobuf schema with the files it imports, fetched by subject and version', async () => {
    const before = registry.calls.get('GET /subjects/{s}/versions/{v}') ?? 0;
    const schema = await resolver().resolve({ kind: 'confluent', id: orderId });
    expect(schema).toMatchObject({ format: 'PROTOBUF', name: 'orders-value', definition: order, imports: { 'shop/money.proto': money } });
    expect((registry.calls.get('GET /subjects/{s}/versions/{v}') ?? 0) - before).toBe(1);
  });

  it('asks the registry once per id, and a new process reads it from the cache file', async () => {
    const file = path.join(dataDir, 'confluent.json');
    const calls = () => registry.calls.get('GET /schemas/ids/{id}') ?? 0;
    const before = calls();
    const cache = new SchemaCache(file);
    const first = new ConfluentSchemaResolver({
      url: registry.endpoint,
      auth: secrets.authFor('shop', { kind: 'basic', username: 'reader' }),
      cache,
    });
    await Promise.all([1, 2, 3].map(() => first.resolve({ kind: 'confluent', id: avroId })));
    await cache.flushed();
    expect(calls() - before).toBe(1);
    await resolver(undefined, file).resolve({ kind: 'confluent', id: avroId });
    expect(calls() - before).toBe(1);
    expect(await readFile(file, 'utf8')).not.toContain(PASSWORD);
  });

  it('says an unknown id is not there', async () => {
    const error = await resolver()
      .resolve({ kind: 'confluent', id: 999 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not-found');
    expect((error as AppError).message).toContain('no schema with id 999');
  });

  it('says wrong credentials were refused, without the secret in the error', async () => {
    const wrong = new RegistrySecrets(new SessionSecretStore());
    await wrong.set('shop', `${PASSWORD}x`);
    const error = await resolver(wrong.authFor('shop', { kind: 'basic', username: 'reader' }))
      .resolve({ kind: 'confluent', id: avroId })
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('access-denied');
    expect((error as AppError).message).toMatch(/refused the request \(HTTP 401\)/);
    expect(JSON.stringify(toApiError(error))).not.toContain(PASSWORD);
  });

  it('sends a bearer token when the registry takes one', async () => {
    const bearer = await startLocalConfluentRegistry({ credentials: { bearer: PASSWORD } });
    try {
      const id = bearer.register('t-value', avro).id;
      const schema = await new ConfluentSchemaResolver({
        url: bearer.endpoint,
        auth: secrets.authFor('shop', { kind: 'bearer' }),
        cache: new SchemaCache(null),
      }).resolve({ kind: 'confluent', id });
      expect(schema.definition).toBe(avro);
    } finally {
      await bearer.close();
    }
  });

  it('refuses an answer past its size cap, and one that takes too long', async () => {
    let slowReply = false;
    const server: Server = createServer((_request, response) => {
      if (slowReply) return void setTimeout(() => response.end('{}'), 2_000);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ schema: 'x'.repeat(64 * 1024) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const capped = new ConfluentSchemaResolver({
        url,
        auth: async () => ({ kind: 'none' }),
        cache: new SchemaCache(null),
        maxResponseBytes: 1024,
      });
      await expect(capped.resolve({ kind: 'confluent', id: 1 })).rejects.toThrow(/answer larger than 1 KiB/);
      slowReply = true;
      const slow = new ConfluentSchemaResolver({ url, auth: async () => ({ kind: 'none' }), cache: new SchemaCache(null), timeoutMs: 200 });
      await expect(slow.resolve({ kind: 'confluent', id: 1 })).rejects.toThrow(/did not answer within 0.2 s/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a registry URL with credentials in it', () => {
    expect(
      () =>
        new ConfluentSchemaResolver({
          url: `http://reader:${PASSWORD}@127.0.0.1:1`,
          auth: async () => ({ kind: 'none' }),
          cache: new SchemaCache(null),
        }),
    ).toThrow(/without a user name or password/);
  });
});

describe('the sandbox Confluent-compatible registry', () => {
  const headers = () => ({
    Authorization: `Basic ${Buffer.from(`reader:${PASSWORD}`).toString('base64')}`,
    'Content-Type': 'application/vnd.schemaregistry.v1+json',
  });

  it('registers by POST and lists subjects and versions as Confluent does', async () => {
    const post = await fetch(`${registry.endpoint}/subjects/posted-value/versions`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ schema: '{"type":"string"}' }),
    });
    const { id } = (await post.json()) as { id: number };
    expect(post.status).toBe(200);
    const subjects = (await (await fetch(`${registry.endpoint}/subjects`, { headers: headers() })).json()) as string[];
    expect(subjects).toContain('posted-value');
    expect(await (await fetch(`${registry.endpoint}/subjects/posted-value/versions`, { headers: headers() })).json()).toEqual([1]);
    const latest = await (await fetch(`${registry.endpoint}/subjects/posted-value/versions/latest`, { headers: headers() })).json();
    expect(latest).toEqual({ subject: 'posted-value', version: 1, id, schema: '{"type":"string"}' });
    const missing = await fetch(`${registry.endpoint}/subjects/nope/versions`, { headers: headers() });
    expect([missing.status, ((await missing.json()) as { error_code: number }).error_code]).toEqual([404, 40401]);
  });

  it('refuses a web page', async () => {
    const fromPage = await fetch(`${registry.endpoint}/subjects`, { headers: { ...headers(), Origin: 'https://evil.example' } });
    expect(fromPage.status).toBe(403);
  });
});

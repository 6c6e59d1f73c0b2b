import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { KeychainSecretStore } from '../../main/domain/connections/secret-store';
import { startTestApp, tempDataDir } from '../support/app';
import { describeWithKeyring, secretToolLookup } from '../support/keychain';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';
import { nobody } from '../../main/core/sessions/session-owner';

const secret = (tag: string) => ({ secretAccessKey: `wJalrXUtnFEMI/K7MDENG/${tag}-0000000000`, sessionToken: `token-${tag}` });

describeWithKeyring('the OS keychain through @napi-rs/keyring', () => {
  const store = new KeychainSecretStore();

  it('reports itself available', async () => {
    expect(await store.status()).toEqual({ available: true, reason: null });
  });

  it('stores, reads back, replaces and removes a secret, as secret-tool sees it', async () => {
    const profile = `keychain-roundtrip-${Date.now()}`;
    await store.set(profile, secret('first'));
    expect(await store.get(profile)).toEqual(secret('first'));
    expect(JSON.parse((await secretToolLookup(profile))!)).toEqual(secret('first'));

    await store.set(profile, { secretAccessKey: secret('second').secretAccessKey });
    expect(await store.get(profile)).toEqual({ secretAccessKey: secret('second').secretAccessKey });

    expect(await store.delete(profile)).toBe(true);
    expect(await store.get(profile)).toBeNull();
    expect(await secretToolLookup(profile)).toBeNull();
    expect(await store.delete(profile)).toBe(false);
  });
});

describeWithKeyring('access-key profiles through the dispatcher', () => {
  let server: RunningKinesisServer;
  let app: ShardscopeApp;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, 'keyed', 1);
    client.destroy();
    app = await startTestApp({ dataDir, connection: 'sandbox' });
  });
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  const save = (input: unknown) => app.dispatch('connections:save', input, nobody);

  it('keeps the secret in the keychain and only the key ID in profiles.json', async () => {
    const result = await save({
      profile: {
        name: 'team-keys',
        region: 'us-east-1',
        endpoint: server.endpoint,
        source: { type: 'access-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      },
      secret: secret('team'),
    });
    expect(result).toMatchObject({ ok: true, value: { name: 'team-keys', secret: 'keychain' } });
    expect(JSON.parse((await secretToolLookup('team-keys'))!)).toEqual(secret('team'));
    const file = await readFile(path.join(dataDir, 'profiles.json'), 'utf8');
    expect(file).toContain('AKIAIOSFODNN7EXAMPLE');
    expect(file).not.toContain(secret('team').secretAccessKey);
    expect(file).not.toContain(secret('team').sessionToken);
  });

  it('uses the stored secret to reach the endpoint once activated', async () => {
    expect(await app.dispatch('connections:activate', { name: 'team-keys' }, nobody)).toMatchObject({
      ok: true,
      value: { profile: 'team-keys', kind: 'endpoint' },
    });
    const streams = await app.dispatch('streams:names', {}, nobody);
    expect(streams).toMatchObject({ ok: true, value: { streams: [{ name: 'keyed' }] } });
    expect(await app.dispatch('connections:test', { name: 'team-keys' }, nobody)).toMatchObject({
      ok: true,
      value: { ok: true, check: 'kinesis:ListStreams' },
    });
  });

  it('keeps the secret when the profile is renamed without re-entering it', async () => {
    const renamed = await save({
      originalName: 'team-keys',
      profile: {
        name: 'team-keys-renamed',
        region: 'us-east-1',
        endpoint: server.endpoint,
        source: { type: 'access-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      },
    });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'team-keys-renamed', secret: 'keychain' } });
    expect(await secretToolLookup('team-keys')).toBeNull();
    expect(JSON.parse((await secretToolLookup('team-keys-renamed'))!)).toEqual(secret('team'));
    // The renamed profile was active: it still is, under its new name.
    expect(await app.dispatch('connections:active', {}, nobody)).toMatchObject({ ok: true, value: { profile: 'team-keys-renamed' } });
  });

  it('refuses a new access key ID without its secret', async () => {
    const result = await save({
      originalName: 'team-keys-renamed',
      profile: {
        name: 'team-keys-renamed',
        region: 'us-east-1',
        endpoint: server.endpoint,
        source: { type: 'access-keys', accessKeyId: 'AKIAI44QH8DHBEXAMPLE' },
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('secret access key') } });
  });

  it('removes the keychain entry with the profile and falls back to the sandbox', async () => {
    expect(await app.dispatch('connections:remove', { name: 'team-keys-renamed' }, nobody)).toEqual({ ok: true, value: { removed: true } });
    expect(await secretToolLookup('team-keys-renamed')).toBeNull();
    expect(await app.dispatch('connections:active', {}, nobody)).toMatchObject({ ok: true, value: { kind: 'sandbox' } });
    const list = await app.dispatch('connections:list', {}, nobody);
    expect(list).toMatchObject({ ok: true, value: { profiles: [] } });
  });
});

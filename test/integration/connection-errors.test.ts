import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { KeychainSecretStore } from '../../main/domain/connections/secret-store';
import { startLocalKinesis, type LocalKinesis } from '../../main/domain/sandbox/kinesalite-server';
import type { ConnectionTest } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { startFakeSts, type FakeSts } from '../support/fake-sts';
import { freePort } from '../support/local-kinesis';
import kinesalite from 'kinesalite';
import type { AddressInfo } from 'node:net';
import { nobody } from '../../main/core/sessions/session-owner';

const SECRET = { secretAccessKey: 'bad-secret-0000000000000000000000' };

describe('connection tests say what is wrong', () => {
  let app: ShardscopeApp;
  let sts: FakeSts;
  const savedSts = process.env.AWS_ENDPOINT_URL_STS;

  beforeAll(async () => {
    sts = await startFakeSts();
    app = await startTestApp({ connection: 'sandbox' });
  });
  afterAll(async () => {
    await app?.stop();
    await sts?.close();
    if (savedSts === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = savedSts;
  });

  async function check(profile: Record<string, unknown>, secret?: object): Promise<ConnectionTest> {
    const saved = await app.dispatch('connections:save', { profile, ...(secret ? { secret, sessionOnly: true } : {}) }, nobody);
    if (!saved.ok) throw new Error(saved.error.message);
    const result = await app.dispatch('connections:test', { name: profile.name as string }, nobody);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ConnectionTest;
  }

  it('the sandbox itself passes', async () => {
    expect(await app.dispatch('connections:test', { name: 'Local sandbox' }, nobody)).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('an endpoint nobody listens on', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const result = await check({ name: 'closed', region: 'us-east-1', endpoint, source: { type: 'default-chain' } });
    expect(result).toEqual({
      ok: false,
      check: 'kinesis:ListStreams',
      account: null,
      arn: null,
      message: `${endpoint} could not be reached: nothing is listening at that address.`,
      fix: null,
    });
  });

  it('an endpoint whose TLS certificate is not trusted', async () => {
    // kinesalite's bundled certificate: self-signed and long expired, as local TLS setups often are.
    const server = kinesalite({ ssl: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await check({ name: 'tls', region: 'us-east-1', endpoint, source: { type: 'default-chain' } });
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(
        new RegExp(
          `^The TLS connection to ${endpoint} failed \\((CERT_HAS_EXPIRED|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\\)`,
        ),
      );
    } finally {
      server.close();
    }
  });

  it('keys AWS does not know', async () => {
    process.env.AWS_ENDPOINT_URL_STS = sts.endpoint;
    const result = await check(
      { name: 'bad-keys', region: 'us-east-1', endpoint: null, source: { type: 'access-keys', accessKeyId: 'AKIAUNKNOWNKEY000001' } },
      SECRET,
    );
    expect(result).toMatchObject({
      ok: false,
      check: 'sts:GetCallerIdentity',
      message: expect.stringMatching(/^The access key ID or secret access key is not valid\. AWS said: InvalidClientTokenId/),
    });
  });

  it('a region that does not exist', async () => {
    delete process.env.AWS_ENDPOINT_URL_STS;
    const result = await check(
      { name: 'no-region', region: 'xx-nowhere-9', endpoint: null, source: { type: 'access-keys', accessKeyId: 'AKIAUNKNOWNKEY000001' } },
      SECRET,
    );
    expect(result).toMatchObject({
      ok: false,
      message: 'AWS could not be reached in region "xx-nowhere-9": the region may not exist, or this machine has no network.',
    });
  });
});

describe('without a keychain', () => {
  let app: ShardscopeApp;
  let kinesis: LocalKinesis;
  const savedBus = process.env.DBUS_SESSION_BUS_ADDRESS;

  beforeAll(async () => {
    // A bus address nobody listens on: the Secret Service is simply not there.
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/shardscope-test-bus';
    kinesis = await startLocalKinesis();
    app = await startTestApp({ connection: 'sandbox', keychain: new KeychainSecretStore() });
  });
  afterAll(async () => {
    await app?.stop();
    await kinesis?.close();
    if (savedBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = savedBus;
  });

  const profile = () => ({
    name: 'no-keychain',
    region: 'us-east-1',
    endpoint: kinesis.endpoint,
    source: { type: 'access-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
  });

  it('says so plainly, and saves nothing', async () => {
    const list = await app.dispatch('connections:list', {}, nobody);
    expect(list).toMatchObject({
      ok: true,
      value: { keychain: { available: false, reason: expect.stringMatching(/^The OS keychain is not available: /) } },
    });
    const saved = await app.dispatch('connections:save', { profile: profile(), secret: SECRET }, nobody);
    expect(saved).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });
    expect(await app.dispatch('connections:list', {}, nobody)).toMatchObject({ ok: true, value: { profiles: [] } });
  });

  it('keeps the secret for this session only when asked, and it works', async () => {
    const saved = await app.dispatch('connections:save', { profile: profile(), secret: SECRET, sessionOnly: true }, nobody);
    expect(saved).toMatchObject({ ok: true, value: { name: 'no-keychain', secret: 'session' } });
    expect(await app.dispatch('connections:test', { name: 'no-keychain' }, nobody)).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('removes a session-only profile although the keychain is unreachable', async () => {
    expect(await app.dispatch('connections:remove', { name: 'no-keychain' }, nobody)).toEqual({ ok: true, value: { removed: true } });
    expect(await app.dispatch('connections:list', {}, nobody)).toMatchObject({ ok: true, value: { profiles: [] } });
  });
});

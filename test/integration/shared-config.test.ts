import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import type { ConnectionTest } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { BASE_KEY, EXPIRED_KEY, makeAwsHome, PROCESS_KEY } from '../support/aws-home';
import { startFakeSts, type FakeSts } from '../support/fake-sts';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';
import { nobody } from '../../main/core/sessions/session-owner';

describe('AWS shared-config profiles', () => {
  let sts: FakeSts;
  let kinesis: RunningKinesisServer;
  let app: ShardscopeApp;
  const saved = { HOME: process.env.HOME, AWS_ENDPOINT_URL_STS: process.env.AWS_ENDPOINT_URL_STS };

  beforeAll(async () => {
    sts = await startFakeSts();
    sts.addUser(BASE_KEY, 'arn:aws:iam::123456789012:user/base');
    sts.addUser(PROCESS_KEY, 'arn:aws:iam::123456789012:user/from-process');
    sts.reject(EXPIRED_KEY, 'ExpiredToken');
    kinesis = await startKinesisServer('kinesalite');
    const client = arrangeClient(kinesis);
    await createStream(client, 'shared-config-stream', 1);
    client.destroy();
    process.env.HOME = makeAwsHome();
    // Every STS call, the SDK's own assume-role included, goes to the stand-in.
    process.env.AWS_ENDPOINT_URL_STS = sts.endpoint;
    app = await startTestApp({ connection: 'sandbox' });
  });
  afterAll(async () => {
    await app?.stop();
    await kinesis?.stop();
    await sts?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  async function testProfile(name: string, awsProfile: string, endpoint: string | null = null): Promise<ConnectionTest> {
    const save = await app.dispatch(
      'connections:save',
      { profile: { name, region: 'eu-west-1', endpoint, source: { type: 'aws-profile', awsProfile } } },
      nobody,
    );
    expect(save).toMatchObject({ ok: true });
    const result = await app.dispatch('connections:test', { name }, nobody);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ConnectionTest;
  }

  it('lists the profiles found, with what kind each is', async () => {
    const result = await app.dispatch('connections:awsProfiles', {}, nobody);
    expect(result).toEqual({
      ok: true,
      value: {
        profiles: [
          { name: 'base', kind: 'static', region: 'eu-west-1' },
          { name: 'chained', kind: 'assume-role', region: 'eu-west-1' },
          { name: 'expired', kind: 'static', region: null },
          { name: 'proc', kind: 'process', region: 'us-west-2' },
          { name: 'sso-dev', kind: 'sso', region: 'us-east-1' },
        ],
      },
    });
  });

  it('resolves static keys', async () => {
    expect(await testProfile('base', 'base')).toMatchObject({
      ok: true,
      account: '123456789012',
      arn: 'arn:aws:iam::123456789012:user/base',
    });
  });

  it('follows a source_profile chain: assumes the role with the base keys, then signs as the role', async () => {
    const before = sts.signers.length;
    const result = await testProfile('chained', 'chained');
    expect(result).toMatchObject({ ok: true, arn: expect.stringMatching(/^arn:aws:sts::123456789012:assumed-role\/KinesisReader\//) });
    const signers = sts.signers.slice(before);
    expect(signers[0]).toBe(BASE_KEY);
    expect(signers.at(-1)).toMatch(/^ASIA/);
  });

  it('runs credential_process', async () => {
    expect(await testProfile('proc', 'proc')).toMatchObject({ ok: true, arn: 'arn:aws:iam::123456789012:user/from-process' });
  });

  it('says an expired session token has expired', async () => {
    const result = await testProfile('expired', 'expired');
    expect(result).toMatchObject({ ok: false, fix: null, message: expect.stringContaining('session token has expired') });
  });

  it('gives the exact aws sso login command for an expired SSO session', async () => {
    const result = await testProfile('sso', 'sso-dev');
    expect(result).toMatchObject({ ok: false, fix: 'aws sso login --profile sso-dev' });
    expect(result.message).toMatch(/SSO session .*sso-dev/);
  });

  it('says plainly that a profile name does not exist', async () => {
    const result = await testProfile('ghost', 'no-such-profile');
    expect(result.ok).toBe(false);
    expect(result.message).toContain('no-such-profile');
  });

  it('signs Kinesis calls with the profile against a custom endpoint', async () => {
    expect(await testProfile('proc-local', 'proc', kinesis.endpoint)).toMatchObject({ ok: true, check: 'kinesis:ListStreams' });
    await app.dispatch('connections:activate', { name: 'proc-local' }, nobody);
    expect(await app.dispatch('streams:names', {}, nobody)).toMatchObject({
      ok: true,
      value: { streams: [{ name: 'shared-config-stream' }] },
    });
  });
});

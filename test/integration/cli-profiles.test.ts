import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/app';
import { makeAwsHome } from '../support/aws-home';
import { runCli } from '../support/cli';
import { describeWithKeyring, secretToolLookup } from '../support/keychain';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

let server: RunningKinesisServer;
beforeAll(async () => {
  server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  await createStream(client, 'cli-profile-stream', 2);
  client.destroy();
});
afterAll(() => server?.stop());

const SECRET = 'cliSecretValue/0123456789abcdefghij';

describeWithKeyring('shardscope profiles with access keys', () => {
  const env = { SHARDSCOPE_HOME: tempDataDir() };

  it('adds a profile with the secret read from standard input, into the keychain only', async () => {
    const added = await runCli(
      ['profiles', 'add', 'cli-keys', '--region', 'us-east-1', '--endpoint', server.endpoint, '--access-key-id', 'AKIAIOSFODNN7EXAMPLE'],
      {
        env,
        stdin: `${SECRET}\nsession-token-value\n`,
      },
    );
    expect(added).toMatchObject({ code: 0, stdout: 'Saved "cli-keys": access key AKIAIOSFODNN7EXAMPLE (secret in keychain).\n' });
    expect(added.stdout + added.stderr).not.toContain(SECRET);
    expect(JSON.parse((await secretToolLookup('cli-keys'))!)).toEqual({ secretAccessKey: SECRET, sessionToken: 'session-token-value' });
  });

  it('lists it, tests it and uses it with --profile', async () => {
    const listed = await runCli(['profiles', 'list', '--json'], { env });
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        name: 'cli-keys',
        region: 'us-east-1',
        endpoint: server.endpoint,
        source: { type: 'access-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
        secret: 'keychain',
        registrySecret: 'none',
      },
    ]);
    expect(await runCli(['profiles', 'test', 'cli-keys'], { env })).toMatchObject({
      code: 0,
      stdout: `ok: ${server.endpoint} answered.\n`,
    });
    expect(await runCli(['streams', '--profile', 'cli-keys'], { env })).toMatchObject({ code: 0, stdout: 'cli-profile-stream\n' });
  });

  it('removes nothing without a terminal to ask on unless --yes is given', async () => {
    const refused = await runCli(['profiles', 'remove', 'cli-keys'], { env });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Refusing to remove "cli-keys" and its keychain entry without confirmation');
    expect(refused.stderr).toContain('Pass --yes to go ahead.');
    expect(JSON.parse((await secretToolLookup('cli-keys'))!)).toMatchObject({ secretAccessKey: SECRET });
    expect((await runCli(['profiles', 'list'], { env })).stdout).toContain('cli-keys');
  });

  it('removes the keychain entry with the profile', async () => {
    expect(await runCli(['profiles', 'remove', 'cli-keys', '--yes'], { env })).toMatchObject({ code: 0 });
    expect(await secretToolLookup('cli-keys')).toBeNull();
    expect((await runCli(['profiles', 'list'], { env })).stdout).toContain('No saved connections');
  });
});

describe('shardscope profiles with shared config and the default chain', () => {
  const env = { SHARDSCOPE_HOME: tempDataDir(), HOME: makeAwsHome() };

  it('uses an AWS shared-config profile by name with --profile', async () => {
    expect(await runCli(['streams', '--profile', 'proc', '--endpoint', server.endpoint], { env })).toMatchObject({
      code: 0,
      stdout: 'cli-profile-stream\n',
    });
  });

  it('says which profile is unknown', async () => {
    const result = await runCli(['streams', '--profile', 'nobody'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no saved connection and no AWS profile named "nobody"');
  });

  it('saves an aws-profile connection and prints the SSO fix when its session expired', async () => {
    expect(await runCli(['profiles', 'add', 'corp', '--region', 'us-east-1', '--aws-profile', 'sso-dev'], { env })).toMatchObject({
      code: 0,
    });
    const tested = await runCli(['profiles', 'test', 'corp'], { env });
    expect(tested.code).toBe(1);
    expect(tested.stderr).toContain('To fix it, run: aws sso login --profile sso-dev');
  });

  it('saves a default-chain connection and refuses two credential sources', async () => {
    expect(await runCli(['profiles', 'add', 'chain', '--region', 'eu-west-1', '--default-chain'], { env })).toMatchObject({
      code: 0,
      stdout: 'Saved "chain": default AWS credential chain.\n',
    });
    expect(
      (await runCli(['profiles', 'add', 'both', '--region', 'eu-west-1', '--default-chain', '--aws-profile', 'proc'], { env })).code,
    ).toBe(2);
  });

  it('saves an S3 endpoint with add, changes and clears it with set', async () => {
    const add = ['profiles', 'add', 'lake', '--region', 'eu-west-1', '--default-chain', '--s3-endpoint', 'http://127.0.0.1:4571/'];
    expect((await runCli(add, { env })).code).toBe(0);
    const s3EndpointOf = async () =>
      (JSON.parse((await runCli(['profiles', 'list', '--json'], { env })).stdout) as { name: string; s3Endpoint?: string | null }[]).find(
        (p) => p.name === 'lake',
      )?.s3Endpoint;
    expect(await s3EndpointOf()).toBe('http://127.0.0.1:4571');
    expect(await runCli(['profiles', 'set', 'lake', '--s3-endpoint', 'http://127.0.0.1:4572'], { env })).toMatchObject({
      code: 0,
      stdout: '"lake" sends its S3 calls to http://127.0.0.1:4572.\n',
    });
    expect(await s3EndpointOf()).toBe('http://127.0.0.1:4572');
    const refused = await runCli(['profiles', 'set', 'lake', '--s3-endpoint', 'http://s3.example.com'], { env });
    expect(refused).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('profile.s3Endpoint: Plain http is only for a local server'),
    });
    expect(await s3EndpointOf()).toBe('http://127.0.0.1:4572');
    expect((await runCli(['profiles', 'set', 'lake', '--s3-endpoint', 'none'], { env })).stdout).toBe(
      '"lake" has no S3 endpoint of its own now.\n',
    );
    expect(await s3EndpointOf()).toBeUndefined();
  });

  it('saves a read budget with the connection, and tail, stats and the meter keep to it', async () => {
    const added = await runCli(
      [
        'profiles',
        'add',
        'polite',
        '--region',
        'us-east-1',
        '--endpoint',
        server.endpoint,
        '--default-chain',
        '--max-calls-per-shard',
        '1',
      ],
      { env },
    );
    expect(added.code).toBe(0);
    const listed = JSON.parse((await runCli(['profiles', 'list', '--json'], { env })).stdout) as { name: string; readBudget?: unknown }[];
    expect(listed.find((p) => p.name === 'polite')!.readBudget).toEqual({ callsPerSecond: 1, mibPerSecond: null });
    const stats = await runCli(['stats', 'cli-profile-stream', '--profile', 'polite', '--duration', '2s', '--json'], { env });
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout.split('\n')[0]!).shards[0].budgetCallsPerSecond).toBe(1);
    // The flag overrides the saved budget for one command.
    const flagged = await runCli(
      ['stats', 'cli-profile-stream', '--profile', 'polite', '--max-calls-per-shard', '3', '--duration', '2s', '--json'],
      { env },
    );
    expect(JSON.parse(flagged.stdout.split('\n')[0]!).shards[0].budgetCallsPerSecond).toBe(3);
  });

  it('refuses a read budget beyond what Kinesis allows', async () => {
    const tooMany = await runCli(['profiles', 'add', 'greedy', '--region', 'us-east-1', '--default-chain', '--max-calls-per-shard', '7'], {
      env,
    });
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('Kinesis allows at most 5 reads a second per shard.');
    const flag = await runCli(['tail', 'cli-profile-stream', '--endpoint', server.endpoint, '--max-calls-per-shard', '0'], { env });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('a whole number from 1 to 5');
  });

  it('explains a missing keychain and never falls back to a file', async () => {
    const result = await runCli(['profiles', 'add', 'nokeychain', '--region', 'us-east-1', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE'], {
      env: { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      stdin: `${SECRET}\n`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: The OS keychain is not available: .*\nShardscope never writes a secret to disk/);
    expect((await runCli(['profiles', 'list'], { env })).stdout).not.toContain('nokeychain');
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli';
import { freePort, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';
import { AWS_CLI, AWS_CLI_REGION_ENV } from '../support/aws-cli';

const exec = promisify(execFile);
/** Debian's awscli; a pyenv shim earlier on PATH may be another Python's. */
const dummyAws = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', ...AWS_CLI_REGION_ENV, AWS_PAGER: '' };

describe('shardscope streams', () => {
  let server: RunningKinesisServer;
  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, 'payments', 3);
    await createStream(client, 'audit', 1);
    client.destroy();
  });
  afterAll(() => server?.stop());

  it('prints one stream name per line', async () => {
    const result = await runCli(['streams', '--endpoint', server.endpoint]);
    expect(result).toMatchObject({ code: 0, stdout: 'audit\npayments\n' });
  });

  it('prints summaries as a JSON array with --json', async () => {
    const result = await runCli(['streams', '--endpoint', server.endpoint, '--region', 'us-east-1', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { name: 'audit', status: 'ACTIVE', mode: 'PROVISIONED', openShards: 1, retentionHours: 24 },
      { name: 'payments', status: 'ACTIVE', mode: 'PROVISIONED', openShards: 3, retentionHours: 24 },
    ]);
  });

  it('lists the demo streams of a fresh sandbox with --sandbox', async () => {
    const result = await runCli(['streams', '--sandbox']);
    expect(result).toMatchObject({ code: 0, stdout: 'clickstream\nmixed-encodings\norders\npayments\ntelemetry\n' });
  });

  it('exits 1 with a clear message when the endpoint is unreachable', async () => {
    const result = await runCli(['streams', '--endpoint', `http://127.0.0.1:${await freePort()}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: The endpoint could not be reached: nothing is listening at that address\./);
    expect(result.stdout).toBe('');
  });

  it('exits 2 on a usage error and 0 on --help', async () => {
    expect((await runCli(['streams', '--no-such-flag'])).code).toBe(2);
    expect((await runCli(['streams', '--endpoint', 'not a url'])).code).toBe(2);
    expect((await runCli(['bogus-command'])).code).toBe(2);
    for (const command of ['streams', 'serve', 'sandbox']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: shardscope ${command}`);
    }
  });

  it('exits 2 when no region is known for AWS', async () => {
    const result = await runCli(['streams'], { env: { AWS_REGION: '', AWS_DEFAULT_REGION: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No AWS region');
    expect(result.stderr).toContain('Pass --region, or set AWS_REGION.');
  });
});

describe('shardscope sandbox', () => {
  it('serves a Kinesis endpoint that the AWS CLI can use', async () => {
    const port = await freePort();
    const sandbox = await startCli(['sandbox', '--port', String(port)]);
    try {
      expect(sandbox.firstLine).toBe(`endpoint: http://127.0.0.1:${port}`);
      const { stdout } = await exec(
        AWS_CLI,
        ['kinesis', 'list-streams', '--endpoint-url', `http://127.0.0.1:${port}`, '--region', 'us-east-1', '--output', 'json'],
        {
          env: { ...process.env, ...dummyAws },
        },
      );
      expect(JSON.parse(stdout).StreamNames).toEqual(['clickstream', 'mixed-encodings', 'orders', 'payments', 'telemetry']);
    } finally {
      expect(await sandbox.stop()).toBe(0);
    }
  });

  it('starts empty with --no-demo and accepts streams from any client', async () => {
    const port = await freePort();
    const sandbox = await startCli(['sandbox', '--port', String(port), '--no-demo']);
    try {
      const endpoint = `http://127.0.0.1:${port}`;
      const env = { ...process.env, ...dummyAws };
      expect(
        JSON.parse((await exec(AWS_CLI, ['kinesis', 'list-streams', '--endpoint-url', endpoint, '--output', 'json'], { env })).stdout)
          .StreamNames,
      ).toEqual([]);
      // Far past kinesalite's own default limit of 10 shards.
      await exec(AWS_CLI, ['kinesis', 'create-stream', '--stream-name', 'wide', '--shard-count', '200', '--endpoint-url', endpoint], {
        env,
      });
      const summary = JSON.parse(
        (
          await exec(
            AWS_CLI,
            ['kinesis', 'describe-stream-summary', '--stream-name', 'wide', '--endpoint-url', endpoint, '--output', 'json'],
            { env },
          )
        ).stdout,
      );
      expect(summary.StreamDescriptionSummary).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 200 });
    } finally {
      await sandbox.stop();
    }
  });
});

describe('shardscope sandbox --data', () => {
  it('keeps streams and records in the folder across restarts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shardscope-sandbox-'));
    const env = { ...process.env, ...dummyAws };
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const payload = path.join(mkdtempSync(path.join(tmpdir(), 'shardscope-payload-')), 'kept.bin');
    writeFileSync(payload, 'kept');
    const first = await startCli(['sandbox', '--port', String(port), '--no-demo', '--data', dir]);
    try {
      await exec(AWS_CLI, ['kinesis', 'create-stream', '--stream-name', 'kept', '--shard-count', '1', '--endpoint-url', endpoint], { env });
      await exec(
        AWS_CLI,
        // fileb:// gives the bytes as they are to every CLI version (version 2 reads a bare --data as base64, version 1 as text).
        [
          'kinesis',
          'put-record',
          '--stream-name',
          'kept',
          '--partition-key',
          'k',
          '--data',
          `fileb://${payload}`,
          '--endpoint-url',
          endpoint,
        ],
        { env },
      );
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await startCli(['sandbox', '--port', String(port), '--no-demo', '--data', dir]);
    try {
      const listed = JSON.parse(
        (await exec(AWS_CLI, ['kinesis', 'list-streams', '--endpoint-url', endpoint, '--output', 'json'], { env })).stdout,
      );
      expect(listed.StreamNames).toEqual(['kept']);
      const aws = async (...args: string[]) =>
        JSON.parse((await exec(AWS_CLI, ['kinesis', ...args, '--endpoint-url', endpoint, '--output', 'json'], { env })).stdout);
      const { ShardIterator } = await aws(
        'get-shard-iterator',
        '--stream-name',
        'kept',
        '--shard-id',
        'shardId-000000000000',
        '--shard-iterator-type',
        'TRIM_HORIZON',
      );
      const { Records } = await aws('get-records', '--shard-iterator', ShardIterator);
      expect(Records.map((r: { Data: string }) => Buffer.from(r.Data, 'base64').toString())).toEqual(['kept']);
    } finally {
      await second.stop();
    }
  });
});

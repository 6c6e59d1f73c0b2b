import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS } from '../../main/domain/connections/sandbox-host';
import { withLocalCopy } from '../../main/domain/pipelines/s3-copy';
import { SANDBOX_BUCKET, startLocalS3, type LocalS3 } from '../../main/domain/sandbox/s3-server';
import { runCli } from '../support/cli';
import { tempDataDir } from '../support/app';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

// A run and an engine's output made as folders, uploaded to the local S3 as a run to S3 would
// leave them, then handed over and verified from their s3:// prefixes.
describe('pipeline and pipeline verify on s3:// prefixes', () => {
  let kinesis: RunningKinesisServer;
  let client: KinesisClient;
  let s3: LocalS3;
  let s3Client: S3Client;
  const stream = 'handover-s3';
  const home = tempDataDir();
  const folder = (name: string) => path.join(home, name);
  const url = (prefix: string) => `s3://${SANDBOX_BUCKET}/${prefix}/`;
  const on = () => ['--endpoint', kinesis.endpoint, '--s3-endpoint', s3.endpoint, '--quiet'];
  let middle = '';

  async function upload(from: string, prefix: string, { withManifest }: { withManifest: boolean }): Promise<number> {
    const files = (await readdir(from, { recursive: true, withFileTypes: true })).filter(
      (entry) => entry.isFile() && (withManifest || entry.name !== 'run.json'),
    );
    for (const entry of files) {
      const key = path.relative(from, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      await s3Client.send(
        new PutObjectCommand({
          Bucket: SANDBOX_BUCKET,
          Key: `${prefix}/${key}`,
          Body: await readFile(path.join(entry.parentPath, entry.name)),
        }),
      );
    }
    return files.length;
  }

  beforeAll(async () => {
    [kinesis, s3] = await Promise.all([startKinesisServer('kinesalite'), startLocalS3()]);
    client = arrangeClient(kinesis);
    s3Client = await createS3Client({ region: 'us-east-1', endpoint: s3.endpoint, credentials: SANDBOX_CREDENTIALS });
    await createStream(client, stream, 1);
    const put = (n: number) =>
      client.send(
        new PutRecordCommand({
          StreamName: stream,
          PartitionKey: `k${n}`,
          Data: Buffer.from(JSON.stringify({ id: `o-${n}`, quantity: n })),
        }),
      );
    for (let n = 0; n < 4; n++) await put(n);
    // Arrival times are milliseconds: the second half starts once the clock has moved on.
    const last = Date.now();
    while (Date.now() <= last + 1) await new Promise((resolve) => setImmediate(resolve));
    middle = new Date().toISOString();
    for (let n = 4; n < 8; n++) await put(n);
    const [run, engine] = await Promise.all([
      runCli(['ingest', stream, '--to', folder('run'), '--format', 'parquet', '--partition-by', 'arrival:hour', ...on()]),
      runCli(['ingest', stream, '--to', folder('engine'), '--format', 'parquet', '--from', middle, ...on()]),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(engine.code, engine.stderr).toBe(0);
    await upload(folder('run'), 'runs/orders', { withManifest: true });
    // An engine's output holds no run.json: verify reads its data files only.
    await upload(folder('engine'), 'engine/orders', { withManifest: false });
  }, 120_000);
  afterAll(async () => {
    client?.destroy();
    s3Client?.destroy();
    await Promise.all([kinesis?.stop(), s3?.close()]);
  });

  it('hands over a run in S3, taking its columns and its partitioning from its run.json', async () => {
    const out = folder('assets');
    const made = await runCli([
      'pipeline',
      stream,
      '--engine',
      'firehose',
      '--from-run',
      url('runs/orders'),
      '--out',
      out,
      '--prefix',
      's3://lake/o/',
      ...on(),
    ]);
    expect(made.code, made.stderr).toBe(0);
    const template = readFileSync(path.join(out, 'firehose.cfn.json'), 'utf8');
    expect(template).toMatch(/quantity/);
    // No --partition-by: the run's arrival:hour is the engine's.
    expect(template).toMatch(/hour=/);
    expect(readFileSync(path.join(out, 'CUTOVER.txt'), 'utf8')).toContain(`the run in ${url('runs/orders')}`);
  });

  it('verifies an engine output in S3 against a run in S3, shard by shard', async () => {
    const verify = await runCli([
      'pipeline',
      'verify',
      '--run',
      url('runs/orders'),
      '--engine-output',
      url('engine/orders'),
      '--json',
      ...on(),
    ]);
    expect(verify.code, verify.stderr).toBe(0);
    const report = JSON.parse(verify.stdout) as { passed: boolean; shards: Record<string, unknown>[] };
    expect(report.passed).toBe(true);
    expect(report.shards).toEqual([expect.objectContaining({ runRecords: 8, engineRecords: 4, overlap: 4, verdict: 'ok' })]);
  });

  it("says a prefix holds no run, and never sends a local connection's keys to AWS's S3", async () => {
    const none = await runCli(['pipeline', 'verify', '--run', url('engine/orders'), '--engine-output', url('engine/orders'), ...on()]);
    expect(none.code, none.stdout + none.stderr).not.toBe(0);
    expect(none.stderr).toContain(`${url('engine/orders')} holds no run (no run.json).`);
    const local = await runCli(
      ['pipeline', 'verify', '--run', url('runs/orders'), '--engine-output', folder('engine'), '--endpoint', kinesis.endpoint],
      {
        env: { AWS_ENDPOINT_URL_S3: '' },
      },
    );
    expect(local.code, local.stdout + local.stderr).not.toBe(0);
    expect(local.stderr).toMatch(/is a local Kinesis and names no S3 endpoint/);
  });

  it('refuses to copy more than its limit, and removes its copy when done', async () => {
    let copy = '';
    const files = await withLocalCopy(s3Client, url('runs/orders'), 'run', async (local) => {
      copy = local;
      return readdir(local, { recursive: true });
    });
    expect(files).toContain('run.json');
    expect(files.some((name) => /^dt=.*hour=.*part-.*\.parquet$/.test(String(name).split(path.sep).join('/')))).toBe(true);
    expect(existsSync(copy)).toBe(false);
    let called = false;
    await expect(
      withLocalCopy(s3Client, url('engine/orders'), 'engine-output', async () => (called = true), { maxBytes: 100 }),
    ).rejects.toThrow(new RegExp(`^${url('engine/orders')} holds .* MiB of data, more than the 0\\.0 MiB Shardscope copies`));
    expect(called).toBe(false);
  });
});

import type { S3Client } from '@aws-sdk/client-s3';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createS3Client } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS } from '../../main/domain/connections/sandbox-host';
import { ObjectStore } from '../../main/domain/engine/objects/object-store';
import { SANDBOX_BUCKET, startLocalS3, type LocalS3 } from '../../main/domain/sandbox/s3-server';
import { AWS_CLI, AWS_CLI_REGION_ENV } from './aws-cli';
import { spawnCli } from './cli';
import { duckdb } from './duckdb';
import { startKinesisServer, type RunningKinesisServer } from './local-kinesis';
import { put } from './reading';
import { arrangeClient, createStream, uniqueName } from './sdk';

/** The CLI signs S3 calls with keys the local S3 knows; the endpoint kind reads them from the environment. */
export const S3_ENV = { AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey };

/** One kinesalite and one local S3 (s3rver behind the conditional front) for a test file. */
export interface S3RunWorld {
  kinesis: RunningKinesisServer;
  client: KinesisClient;
  s3: LocalS3;
  s3Client: S3Client;
  stop(): Promise<void>;
}

export async function startS3RunWorld(): Promise<S3RunWorld> {
  const [kinesis, s3] = await Promise.all([startKinesisServer('kinesalite'), startLocalS3()]);
  const client = arrangeClient(kinesis);
  const s3Client = await createS3Client({ region: 'us-east-1', endpoint: s3.endpoint, credentials: SANDBOX_CREDENTIALS });
  return {
    kinesis,
    client,
    s3,
    s3Client,
    async stop() {
      client.destroy();
      s3Client.destroy();
      await Promise.all([kinesis.stop(), s3.close()]);
    },
  };
}

/** A stream of `count` JSON records {n}, padded so a few KiB make a part. */
export async function numberedStream(world: S3RunWorld, count: number): Promise<string> {
  const stream = uniqueName('s3run');
  await createStream(world.client, stream, 2);
  for (let i = 0; i < count; i += 500)
    await put(
      world.client,
      stream,
      Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
        key: `key-${(i + k) % 17}`,
        data: JSON.stringify({ n: i + k, pad: 'x'.repeat(60) }),
      })),
    );
  return stream;
}

export function prefixUrl(prefix: string): string {
  return `s3://${SANDBOX_BUCKET}/${prefix}/`;
}

export function storeOf(world: S3RunWorld, prefix: string): ObjectStore {
  return new ObjectStore(world.s3Client, { bucket: SANDBOX_BUCKET, prefix: `${prefix}/` });
}

export function ingestArgs(world: S3RunWorld, stream: string, prefix: string, extra: string[] = []): string[] {
  return [
    'ingest',
    stream,
    '--to',
    prefixUrl(prefix),
    '--quiet',
    '--endpoint',
    world.kinesis.endpoint,
    '--s3-endpoint',
    world.s3.endpoint,
    ...extra,
  ];
}

/** The run.json in the prefix, parsed; null while there is none. */
export async function manifestIn(
  world: S3RunWorld,
  prefix: string,
): Promise<{ id: string; files: { name: string }[]; status: string } | null> {
  const found = await storeOf(world, prefix).read('run.json');
  return found ? JSON.parse(found.text) : null;
}

/** Runs ingest and kills it with SIGKILL once its run.json lists `files` more complete parts: a crash at an arbitrary point. */
export async function killAfterParts(world: S3RunWorld, args: string[], prefix: string, files: number): Promise<void> {
  const committed = async () => (await manifestIn(world, prefix))?.files.length ?? 0;
  const before = await committed();
  const child = spawnCli(args, { env: S3_ENV });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const deadline = Date.now() + 40_000;
  while ((await committed()) < before + files) {
    if (child.exitCode !== null) throw new Error(`ingest ended before it could be killed (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`ingest committed no parts in time: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  await exited;
}

/** The prefix copied down by the AWS CLI (given --endpoint-url: Debian's ignores AWS_ENDPOINT_URL_S3). */
export async function downloadWithAwsCli(world: S3RunWorld, prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shardscope-s3-dl-'));
  await promisify(execFile)(
    AWS_CLI,
    ['s3', 'cp', '--recursive', prefixUrl(prefix), dir, '--endpoint-url', world.s3.endpoint, '--only-show-errors'],
    {
      env: {
        ...process.env,
        ...S3_ENV,
        ...AWS_CLI_REGION_ENV,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    },
  );
  return dir;
}

/** Records, distinct numbers and their range in every JSON Lines part below `dir`, counted by DuckDB. */
export async function countParts(dir: string): Promise<{ rows: number; distinct: number; low: number; high: number }> {
  const [row] = await duckdb(
    `SELECT count(*) AS rows, count(DISTINCT data.n) AS distinct, min(data.n) AS low, max(data.n) AS high
     FROM read_json_auto('${dir}/**/part-*.jsonl', format = 'newline_delimited')`,
  );
  return { rows: Number(row!.rows), distinct: Number(row!.distinct), low: Number(row!.low), high: Number(row!.high) };
}

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/app';
import { runCli, spawnCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { readBack } from '../support/run-output';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const RECORDS = 300;
const sorted = (ns: number[]) => [...ns].sort((a, b) => a - b);
const everyRecord = Array.from({ length: RECORDS }, (_, n) => n);
/** Node has zstd from 22.15 on: before that, Parquet with zstd is an option the runtime lacks. */
const runtimeLacksZstd = typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync !== 'function';
if (!runtimeLacksZstd)
  console.log(
    'skipped: "a compression the runtime lacks" needs a Node without zstd (before 22.15); this Node has it, and the mistyped-stream tests cover the same failed start',
  );

/** What a new user hits first with ingest, on kinesalite: mistyped streams, Ctrl+C, --rate. */
describe('ingest in the first hour, on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('first-hour');
  const flags = () => ['--endpoint', server.endpoint, '--region', server.region];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    await put(
      client,
      stream,
      everyRecord.map((n) => ({ key: `k${n % 11}`, data: JSON.stringify({ n }) })),
    );
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  /** Starts `ingest` in its own process and sends SIGINT once the run holds its folder and has run for `ms`. */
  async function interruptedIngest(args: string[], folder: string, ms: number) {
    const child = spawnCli(['ingest', stream, '--to', folder, ...args]);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    await expect.poll(() => existsSync(path.join(folder, 'run.json')), { timeout: 30_000, interval: 20 }).toBe(true);
    const startedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    return { code: await exited, stderr: () => stderr, seconds: (interruptedAt - startedAt) / 1_000 };
  }

  it('a mistyped stream leaves no claim: the folder it made is gone, and the corrected command runs', async () => {
    const folder = path.join(tempDataDir(), 'made-by-the-run');
    const mistyped = await runCli(['ingest', 'nope', '--to', folder, ...flags()]);
    expect(mistyped.code).not.toBe(0);
    expect(existsSync(folder)).toBe(false);
    const corrected = await runCli(['ingest', stream, '--to', folder, '--quiet', ...flags()]);
    expect(corrected.stderr).toBe('');
    expect(corrected.code).toBe(0);
    expect(sorted(readBack(folder).written)).toEqual(everyRecord);
  });

  it('a mistyped stream in a folder that was there keeps the folder, without a run.json', async () => {
    const folder = path.join(tempDataDir(), 'given');
    mkdirSync(folder);
    expect((await runCli(['ingest', 'nope', '--to', folder, ...flags()])).code).not.toBe(0);
    expect(readdirSync(folder)).toEqual([]);
    const resumed = await runCli(['ingest', stream, '--to', folder, '--resume', ...flags()]);
    expect(resumed.stderr).toContain('holds no run to resume');
  });

  it.runIf(runtimeLacksZstd)('a compression the runtime lacks leaves no claim either: the corrected command runs', async () => {
    const folder = path.join(tempDataDir(), 'zstd');
    const lacking = await runCli(['ingest', stream, '--to', folder, '--format', 'parquet', '--compression', 'zstd', ...flags()]);
    expect(lacking.stderr).toContain('zstd needs Node 22.15.0 or newer');
    expect(existsSync(folder)).toBe(false);
    const corrected = await runCli(['ingest', stream, '--to', folder, '--format', 'parquet', '--quiet', ...flags()]);
    expect(corrected.stderr).toBe('');
    expect(corrected.code).toBe(0);
  });

  it('a failed run that wrote something keeps its run.json and says how to start over', async () => {
    const folder = path.join(tempDataDir(), 'failed');
    // Records from n = 10 on give the mapping nothing: rejected, until more than 3 are.
    const failed = await runCli(['ingest', stream, '--to', folder, '--map', 'n < 10 ? $', '--max-rejects', '3', ...flags()]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('more than the reject limit of 3 allows');
    expect(failed.stderr).toContain('To start over in this folder, add --restart');
    expect(JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8')).status).toBe('failed');
    // The three the limit allows and the one past it, which ended the run.
    expect(readBack(folder).rejected).toHaveLength(4);

    // Starting over removes what the failed run wrote, and only that, then reads the range afresh.
    writeFileSync(path.join(folder, 'notes.txt'), 'mine');
    const again = await runCli(['ingest', stream, '--to', folder, '--restart', '--quiet', ...flags()]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(readBack(folder).rejected).toEqual([]);
    expect(sorted(readBack(folder).written)).toEqual(everyRecord);
    expect(readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('the resume hint after Ctrl+C repeats the connection, and runs as printed to the end', async () => {
    const folder = path.join(tempDataDir(), 'hinted');
    const run = await interruptedIngest(['--rate', '50', ...flags()], folder, 1_000);
    expect(run.code).toBe(130);
    const hint = /carry on with: shardscope (.*)$/m.exec(run.stderr())?.[1];
    expect(hint).toContain(`--endpoint ${server.endpoint}`);
    expect(hint).toContain(`--region ${server.region}`);
    const resumed = await runCli(hint!.split(' '));
    expect(resumed.code).toBe(0);
    expect(readBack(folder).written).toHaveLength(RECORDS);
    expect(sorted(readBack(folder).written)).toEqual(everyRecord);
  });

  it('--rate holds on stop: nothing fetched ahead is written, and a resume brings each record once', async () => {
    const folder = path.join(tempDataDir(), 'paced');
    const run = await interruptedIngest(['--rate', '50', '--quiet', ...flags()], folder, 3_000);
    expect(run.code).toBe(130);
    const written = readBack(folder).written.length;
    // run.json appears before reading begins; 0.2 s covers the poll that saw it and the signal's way in, 20 is one pacing step.
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(Math.ceil(50 * (run.seconds + 0.2)) + 20);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8'));
    expect(manifest.status).toBe('stopped');
    expect((await runCli(['ingest', stream, '--to', folder, '--resume', '--quiet', ...flags()])).code).toBe(0);
    expect(sorted(readBack(folder).written)).toEqual(everyRecord);
  });
});

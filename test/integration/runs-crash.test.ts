import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SplitShardCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/app';
import { runCli, spawnCli } from '../support/cli';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const complete = (folder: string) =>
  (existsSync(folder) ? readdirSync(folder) : []).filter((name) => /^part-\d{5}\.jsonl$/.test(name)).sort();

/** Runs ingest and kills it with SIGKILL once it has completed `files` more files: a crash at an arbitrary point. */
async function killMidway(args: string[], folder: string, files: number): Promise<void> {
  const before = complete(folder).length;
  const child = spawnCli(args);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const deadline = Date.now() + 60_000;
  while (complete(folder).length < before + files) {
    if (child.exitCode !== null) throw new Error(`ingest ended before it could be killed (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`ingest wrote no files in time: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Let it get some way into the next file, so the kill lands mid-file or mid-commit.
  await new Promise((resolve) => setTimeout(resolve, 37));
  child.kill('SIGKILL');
  await exited;
}

describe.each(kinesisServerKinds)('an ingestion run killed with SIGKILL and resumed, on %s', (kind) => {
  let server: RunningKinesisServer;
  let client: KinesisClient;

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('lands every user record exactly once across two kills, on a stream split mid-range, each key in order', async () => {
    const stream = uniqueName('crash');
    await createStream(client, stream, 2);
    const records = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        key: `key-${(from + i) % 23}`,
        data: JSON.stringify({ n: from + i, pad: 'x'.repeat(80) }),
      }));
    for (let i = 0; i < 1_500; i += 500) await put(client, stream, records(i, 500));
    await client.send(
      new SplitShardCommand({ StreamName: stream, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (1n << 126n).toString() }),
    );
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: stream });
    for (let i = 1_500; i < 3_000; i += 500) await put(client, stream, records(i, 500));

    const folder = path.join(tempDataDir(), 'crash-run');
    // Small files and a slow rate make many commits, so the kills land among them.
    const args = [
      'ingest',
      stream,
      '--to',
      folder,
      '--format',
      'jsonl',
      '--max-file-size',
      '6KiB',
      '--rate',
      '600',
      '--quiet',
      '--endpoint',
      server.endpoint,
    ];
    await killMidway(args, folder, 3);
    await killMidway([...args, '--resume'], folder, 3);
    const finished = await runCli([...args, '--resume', '--json'], { timeoutMs: 120_000 });
    expect(finished.code, finished.stderr).toBe(0);

    const lines = complete(folder).flatMap((name) =>
      readFileSync(path.join(folder, name), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { sequenceNumber: string; partitionKey: string; data: { n: number } }),
    );
    const numbers = lines.map((l) => l.data.n);
    expect(numbers.length).toBe(3_000);
    expect(new Set(numbers).size).toBe(3_000);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 3_000 }, (_, n) => n));
    // Per key, records come in the order they were written, across the split's parent and children.
    const byKey = new Map<string, number[]>();
    for (const line of lines) byKey.set(line.partitionKey, [...(byKey.get(line.partitionKey) ?? []), line.data.n]);
    for (const [key, ns] of byKey) expect(ns, key).toEqual([...ns].sort((a, b) => a - b));
    expect(readdirSync(folder).filter((name) => name.startsWith('.part-'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'completed', pending: null, totals: { records: 3_000 } });
    expect(manifest.shards['shardId-000000000000'].state).toBe('ended');
  });
});

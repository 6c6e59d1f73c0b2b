// Ingestion runs: `shardscope ingest` (its own process) to JSON Lines and to Parquet, against a bare
// AWS SDK GetRecords drain of the same stream in the same run, with the run's peak RSS. kinesalite
// runs as its own process (`shardscope sandbox`), so no side pays for the server's work.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { mapWithConcurrency } from '../main/domain/engine/kinesis/concurrency';
import { bareDrain } from './bare-drain';
import { cli } from './cli-process';
import { lower, neutral, type BenchOutput, type Figure } from './figures';

/** A 4-shard stream of `records` JSON events of about 200 bytes (a multiple of 500). */
export async function fill(client: KinesisClient, stream: string, records: number): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 4 }));
  await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: stream });
  const batches = Array.from({ length: records / 500 }, (_, b) => b);
  await mapWithConcurrency(batches, 4, (b) =>
    client.send(
      new PutRecordsCommand({
        StreamName: stream,
        // About 200 bytes each: a typical small JSON event.
        Records: Array.from({ length: 500 }, (_, i) => ({
          PartitionKey: `user-${(b * 500 + i) % 9973}`,
          Data: Buffer.from(
            JSON.stringify({
              id: b * 500 + i,
              type: 'page_view',
              user: `user-${i % 997}`,
              page: '/products/item',
              amount: i * 1.25,
              ok: i % 2 === 0,
              ts: '2026-11-28T10:00:00.000Z',
              note: 'x'.repeat(48),
            }),
          ),
        })),
      }),
    ),
  );
}

export interface IngestSize {
  /** Each a multiple of 500: one stream of each size, ingested and searched. */
  records: number[];
}

export const ingestFigures = ({ records }: IngestSize): string[] =>
  records.flatMap((size) => [
    `${size}.bare.seconds`,
    ...['jsonl', 'parquet'].flatMap((format) => [`${size}.${format}.seconds`, `${size}.${format}.vs-bare`, `${size}.${format}.peak-rss`]),
    `${size}.search.seconds`,
    `${size}.search.vs-bare`,
    `${size}.search.matches`,
  ]);

export async function ingestBench({ records: SIZES }: IngestSize): Promise<BenchOutput> {
  const sandbox = cli(['sandbox', '--no-demo', '--port', '0']);
  const endpoint = /endpoint: (\S+)/.exec(await sandbox.firstLine)?.[1];
  if (!endpoint) throw new Error('the sandbox did not start');
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 3,
  });
  const figures: Figure[] = [];
  try {
    for (const size of SIZES) {
      const stream = `ingest-${size}`;
      await fill(client, stream, size);
      const started = performance.now();
      const read = await bareDrain(client, stream);
      const bare = (performance.now() - started) / 1000;
      if (read !== size) throw new Error(`the bare drain read ${read} of ${size}`);
      const records = `${size.toLocaleString('en-US')} records`;
      figures.push(lower(`${size}.bare.seconds`, `${records}: bare SDK GetRecords drain`, bare, 's'));
      for (const format of ['jsonl', 'parquet'] as const) {
        const folder = mkdtempSync(path.join(tmpdir(), `bench-${format}-`));
        const run = cli(['ingest', stream, '--to', folder, '--format', format, '--json', '--quiet', '--endpoint', endpoint]);
        const result = await run.done;
        if (result.code !== 0) throw new Error(`ingest to ${format} failed (${result.code}): ${result.stderr}`);
        const summary = JSON.parse(result.stdout) as { records: number; seconds: number };
        if (summary.records !== size) throw new Error(`ingest to ${format} wrote ${summary.records} of ${size}`);
        figures.push(
          lower(`${size}.${format}.seconds`, `${records}: ingest to ${format}`, summary.seconds, 's'),
          lower(`${size}.${format}.vs-bare`, `${records}: ingest to ${format} / bare drain`, (summary.seconds / bare) * 100, '%'),
          lower(`${size}.${format}.peak-rss`, `${records}: ingest to ${format}, peak RSS`, result.peakRssMiB, 'MiB'),
        );
      }
      // A search is the same scan with a matcher for a sink: a two-field CEL expression over every record.
      const search = cli([
        'search',
        stream,
        '--where',
        'data.ok && data.amount > 600.0',
        '--from',
        'TRIM_HORIZON',
        '--limit',
        '100000',
        '--endpoint',
        endpoint,
      ]);
      const searched = await search.done;
      const stats = /scanned (\d+), matched (\d+) in ([\d.]+) s/.exec(searched.stderr);
      if (searched.code !== 0 || !stats || Number(stats[1]) !== size)
        throw new Error(`search failed (${searched.code}): ${searched.stderr}`);
      const seconds = Number(stats[3]);
      figures.push(
        lower(`${size}.search.seconds`, `${records}: search (CEL, two fields)`, seconds, 's'),
        lower(`${size}.search.vs-bare`, `${records}: search / bare drain`, (seconds / bare) * 100, '%'),
        neutral(`${size}.search.matches`, `${records}: search matches`, Number(stats[2]), 'records'),
      );
    }
    return {
      title: 'ingestion runs and search, 4 shards of the sandbox (kinesalite in its own process), records of about 200 bytes',
      figures,
    };
  } finally {
    client.destroy();
    sandbox.child.kill('SIGINT');
    await sandbox.done;
  }
}

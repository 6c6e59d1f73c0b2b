// Runs into S3 against runs into a folder: `shardscope ingest` (its own process) of the same range
// to a temporary folder and to the sandbox's local S3 (s3rver behind its conditional front, in the
// sandbox's process), records a second for each, their ratio, and the run's peak RSS at two range
// lengths, so that memory growing with the range shows as a difference.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKinesisClient } from '../main/aws/clients';
import { cli } from './cli-process';
import { higher, lower, type BenchOutput, type Figure } from './figures';
import { fill } from './ingest.bench';

export interface S3IngestSize {
  /** Two range lengths (multiples of 500), shorter first: the same run at each, to a folder and to S3. */
  records: [number, number];
}

const targets = ['folder', 's3'] as const;
const named = { folder: 'a folder', s3: 'S3' };

export const s3IngestFigures = ({ records }: S3IngestSize): string[] => [
  ...records.flatMap((size) => [
    ...targets.flatMap((target) => [`${size}.${target}.records-per-second`, `${size}.${target}.peak-rss`]),
    `${size}.s3.vs-folder`,
  ]),
  's3.peak-rss-growth',
];

/** The sandbox's S3 keys: s3rver refuses a key it was not told of. */
const S3_KEYS = { AWS_ACCESS_KEY_ID: 'SANDBOX', AWS_SECRET_ACCESS_KEY: 'SANDBOX' };

export async function s3IngestBench({ records: sizes }: S3IngestSize): Promise<BenchOutput> {
  const sandbox = cli(['sandbox', '--no-demo', '--port', '0']);
  const endpoint = await sandbox.printed(/^endpoint: (\S+)/m);
  const s3Endpoint = await sandbox.printed(/^s3 endpoint: (\S+)/m);
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 3,
  });
  const figures: Figure[] = [];
  const peakS3: number[] = [];
  try {
    for (const size of sizes) {
      const stream = `s3-ingest-${size}`;
      await fill(client, stream, size);
      const records = `${size.toLocaleString('en-US')} records`;
      const perSecond: Record<string, number> = {};
      for (const target of targets) {
        const to = target === 'folder' ? mkdtempSync(path.join(tmpdir(), 'bench-s3-folder-')) : `s3://shardscope-sandbox/bench-${size}/`;
        const run = cli(['ingest', stream, '--to', to, '--json', '--quiet', '--endpoint', endpoint, '--s3-endpoint', s3Endpoint], S3_KEYS);
        const result = await run.done;
        if (result.code !== 0) throw new Error(`ingest to ${target} failed (${result.code}): ${result.stderr}`);
        const summary = JSON.parse(result.stdout) as { records: number; seconds: number };
        if (summary.records !== size) throw new Error(`ingest to ${target} wrote ${summary.records} of ${size}`);
        perSecond[target] = size / summary.seconds;
        if (target === 's3') peakS3.push(result.peakRssMiB);
        figures.push(
          higher(`${size}.${target}.records-per-second`, `${records}: ingest to ${named[target]}`, perSecond[target]!, 'records/s'),
          lower(`${size}.${target}.peak-rss`, `${records}: ingest to ${named[target]}, peak RSS`, result.peakRssMiB, 'MiB'),
        );
      }
      figures.push(
        lower(`${size}.s3.vs-folder`, `${records}: time into S3 / time into a folder`, (perSecond.folder! / perSecond.s3!) * 100, '%'),
      );
    }
    figures.push(
      lower('s3.peak-rss-growth', `ingest to S3: peak RSS at ${sizes[1]} records less at ${sizes[0]}`, peakS3[1]! - peakS3[0]!, 'MiB'),
    );
    return {
      title:
        'ingestion runs to a folder and to the sandbox S3, 4 shards of the sandbox (its own process), JSON Lines, records of about 200 bytes',
      figures,
    };
  } finally {
    client.destroy();
    sandbox.child.kill('SIGINT');
    await sandbox.done;
  }
}

// Heat: `shardscope heat` (its own process) over a 4-shard stream, against a bare AWS SDK
// GetRecords drain of the same stream in the same run, and its peak RSS with 10,000 distinct keys
// against as many distinct keys as records: the sketches keep memory flat whatever the key count.
// kinesalite runs as its own process (`shardscope sandbox`), so no side pays for the server's work.
import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { mapWithConcurrency } from '../main/domain/engine/kinesis/concurrency';
import { bareDrain } from './bare-drain';
import { cli } from './cli-process';
import { lower, neutral, type BenchOutput, type Figure } from './figures';

export interface HeatSize {
  /** A multiple of 500: each of the two streams holds this many records. */
  records: number;
}

const FEW_KEYS = 10_000;

export const heatFigures = [
  'bare.seconds',
  'heat.seconds',
  'heat-vs-bare',
  'few-keys.peak-rss',
  'many-keys.peak-rss',
  'many-vs-few.peak-rss',
  'many-keys.heat.seconds',
  'many-keys.heat-vs-bare',
];

/** A 4-shard stream of `records` events of about 200 bytes, keyed by `keyOf`. */
async function fill(client: KinesisClient, stream: string, records: number, keyOf: (n: number) => string): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 4 }));
  await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: stream });
  const batches = Array.from({ length: records / 500 }, (_, b) => b);
  await mapWithConcurrency(batches, 4, (b) =>
    client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: Array.from({ length: 500 }, (_, i) => ({
          PartitionKey: keyOf(b * 500 + i),
          Data: Buffer.from(JSON.stringify({ id: b * 500 + i, type: 'page_view', page: '/products/item', note: 'x'.repeat(120) })),
        })),
      }),
    ),
  );
}

/** `shardscope heat` over the whole stream: its own timing (startup excluded) and its peak RSS. */
async function heat(endpoint: string, stream: string, records: number): Promise<{ seconds: number; peakRssMiB: number }> {
  const run = cli(['heat', stream, '--from', 'TRIM_HORIZON', '--json', '--endpoint', endpoint]);
  const result = await run.done;
  const stats = /read (\d+) user records, .* in ([\d.]+) s/.exec(result.stderr);
  if (result.code !== 0 || !stats || Number(stats[1]) !== records) throw new Error(`heat failed (${result.code}): ${result.stderr}`);
  return { seconds: Number(stats[2]), peakRssMiB: result.peakRssMiB };
}

export async function heatBench({ records }: HeatSize): Promise<BenchOutput> {
  const sandbox = cli(['sandbox', '--no-demo', '--port', '0']);
  const endpoint = /endpoint: (\S+)/.exec(await sandbox.firstLine)?.[1];
  if (!endpoint) throw new Error('the sandbox did not start');
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 3,
  });
  try {
    await fill(client, 'heat-few', records, (n) => `user-${n % FEW_KEYS}`);
    await fill(client, 'heat-many', records, (n) => `user-${n}`);
    const drain = async (stream: string) => {
      const started = performance.now();
      const read = await bareDrain(client, stream);
      if (read !== records) throw new Error(`the bare drain read ${read} of ${records}`);
      return (performance.now() - started) / 1000;
    };
    // Each heat between a drain of the same stream before and one after, averaged: on a shared
    // machine whose load drifts, both sides of each ratio see the same minutes.
    const measure = async (stream: string) => {
      const before = await drain(stream);
      const run = await heat(endpoint, stream, records);
      return { ...run, bare: (before + (await drain(stream))) / 2 };
    };
    const few = await measure('heat-few');
    const many = await measure('heat-many');
    const bare = few.bare;
    const size = `${records.toLocaleString('en-US')} records`;
    const figures: Figure[] = [
      lower('bare.seconds', `${size}: bare SDK GetRecords drain (mean of one before and one after)`, bare, 's'),
      lower('heat.seconds', `${size}: heat, ${FEW_KEYS.toLocaleString('en-US')} keys`, few.seconds, 's'),
      lower('heat-vs-bare', `${size}: heat / bare drain`, (few.seconds / bare) * 100, '%'),
      lower('few-keys.peak-rss', `${size}: heat peak RSS, ${FEW_KEYS.toLocaleString('en-US')} keys`, few.peakRssMiB, 'MiB'),
      lower('many-keys.peak-rss', `${size}: heat peak RSS, ${records.toLocaleString('en-US')} keys`, many.peakRssMiB, 'MiB'),
      lower(
        'many-vs-few.peak-rss',
        `${size}: peak RSS, all keys distinct / ${FEW_KEYS.toLocaleString('en-US')} keys`,
        (many.peakRssMiB / few.peakRssMiB) * 100,
        '%',
      ),
      neutral('many-keys.heat.seconds', `${size}: heat, all keys distinct`, many.seconds, 's'),
      lower('many-keys.heat-vs-bare', `${size}: heat / bare drain, all keys distinct`, (many.seconds / many.bare) * 100, '%'),
    ];
    return { title: `heat, 4 shards of the sandbox (kinesalite in its own process), records of about 200 bytes`, figures };
  } finally {
    client.destroy();
    sandbox.child.kill('SIGINT');
    await sandbox.done;
  }
}

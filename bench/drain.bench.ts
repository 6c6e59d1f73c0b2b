// Drain: the read engine against a bare SDK GetRecords loop, reading the same 4-shard stream of
// a stream of records (200,000 at full size) from TRIM_HORIZON to caught up, alternating so both see the same conditions.
import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { mapWithConcurrency } from '../main/domain/engine/kinesis/concurrency';
import { ReadSession } from '../main/domain/engine/reader/read-session';
import { startLocalKinesis } from '../main/domain/sandbox/kinesalite-server';
import { bareDrain } from './bare-drain';
import { higher, lower, percentile, type BenchOutput } from './figures';

const STREAM = 'drain';

async function engine(client: KinesisClient, records: number): Promise<number> {
  let read = 0;
  const session = new ReadSession({
    client,
    stream: STREAM,
    position: { type: 'TRIM_HORIZON' },
    onRecords: (_shard, records) => void (read += records.length),
  });
  await session.start();
  while (!(session.isCaughtUp() && read >= records)) await new Promise((resolve) => setTimeout(resolve, 5));
  await session.stop();
  return read;
}

export interface DrainSize {
  /** A multiple of 500, written 500 a call. */
  records: number;
  rounds: number;
}

export const drainFigures = ['bare.seconds', 'bare.rate', 'engine.seconds', 'engine.rate', 'engine-vs-bare'];

export async function drainBench({ records: RECORDS, rounds }: DrainSize): Promise<BenchOutput> {
  const kinesis = await startLocalKinesis();
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint: kinesis.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  try {
    await client.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 4 }));
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: STREAM });
    const batches = Array.from({ length: RECORDS / 500 }, (_, b) => b);
    await mapWithConcurrency(batches, 4, (b) =>
      client.send(
        new PutRecordsCommand({
          StreamName: STREAM,
          Records: Array.from({ length: 500 }, (_, i) => ({
            PartitionKey: `key-${b}-${i}`,
            Data: Buffer.from(JSON.stringify({ batch: b, index: i, payload: 'x'.repeat(60) })),
          })),
        }),
      ),
    );
    const times = { bare: [] as number[], engine: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      for (const [name, run] of [
        ['bare', (c: KinesisClient) => bareDrain(c, STREAM)],
        ['engine', (c: KinesisClient) => engine(c, RECORDS)],
      ] as const) {
        const started = performance.now();
        const read = await run(client);
        if (read !== RECORDS) throw new Error(`${name} read ${read} of ${RECORDS} records`);
        times[name].push((performance.now() - started) / 1000);
      }
    }
    const [bare, eng] = [percentile(times.bare, 50), percentile(times.engine, 50)];
    return {
      title: `drain, ${RECORDS.toLocaleString('en-US')} records on 4 shards (kinesalite), median of ${rounds}`,
      figures: [
        lower('bare.seconds', 'bare SDK GetRecords loop', bare, 's'),
        higher('bare.rate', 'bare SDK GetRecords loop, rate', RECORDS / bare, 'records/s'),
        lower('engine.seconds', 'read engine', eng, 's'),
        higher('engine.rate', 'read engine, rate', RECORDS / eng, 'records/s'),
        lower('engine-vs-bare', 'engine / bare', (eng / bare) * 100, '%'),
      ],
    };
  } finally {
    client.destroy();
    await kinesis.close();
  }
}

// Drain: the read engine against a bare SDK GetRecords loop, reading the same 4-shard stream of
// 200,000 records from TRIM_HORIZON to caught up, alternating so both see the same conditions.
import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { mapWithConcurrency } from '../main/domain/kinesis/concurrency';
import { ReadSession } from '../main/domain/reader/read-session';
import { startLocalKinesis } from '../main/domain/sandbox/kinesalite-server';
import { bareDrain } from './bare-drain';
import { percentile, printResults } from './report';

const RECORDS = Number(process.env.BENCH_DRAIN_RECORDS ?? 200_000);
const STREAM = 'drain';

async function engine(client: KinesisClient): Promise<number> {
  let read = 0;
  const session = new ReadSession({
    client,
    stream: STREAM,
    position: { type: 'TRIM_HORIZON' },
    onRecords: (_shard, records) => void (read += records.length),
  });
  await session.start();
  while (!(session.isCaughtUp() && read >= RECORDS)) await new Promise((resolve) => setTimeout(resolve, 5));
  await session.stop();
  return read;
}

export async function drainBench() {
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
    for (let round = 0; round < 3; round++) {
      for (const [name, run] of [
        ['bare', (c: KinesisClient) => bareDrain(c, STREAM)],
        ['engine', engine],
      ] as const) {
        const started = performance.now();
        const read = await run(client);
        if (read !== RECORDS) throw new Error(`${name} read ${read} of ${RECORDS} records`);
        times[name].push((performance.now() - started) / 1000);
      }
    }
    const [bare, eng] = [percentile(times.bare, 50), percentile(times.engine, 50)];
    return printResults(`drain, ${RECORDS.toLocaleString('en-US')} records on 4 shards (kinesalite), median of 3`, [
      ['bare SDK GetRecords loop', `${bare.toFixed(2)} s (${Math.round(RECORDS / bare).toLocaleString('en-US')} records/s)`],
      ['read engine', `${eng.toFixed(2)} s (${Math.round(RECORDS / eng).toLocaleString('en-US')} records/s)`],
      ['engine / bare', `${((eng / bare) * 100).toFixed(0)} %`],
    ]);
  } finally {
    client.destroy();
    await kinesis.close();
  }
}

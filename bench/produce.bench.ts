// Produce: `shardscope produce` (produceFile) against a bare SDK PutRecords loop writing the same
// JSON Lines (100,000 at full size) of about 200 bytes to the sandbox's kinesalite, each into a fresh 4-shard
// stream, alternating so both see the same conditions.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { startLocalKinesis } from '../main/domain/sandbox/kinesalite-server';
import { produceFile } from '../main/domain/writes/produce';
import { higher, lower, percentile, type BenchOutput } from './figures';

/** What a user would write without Shardscope: read the file, PutRecords 500 at a time, one call after another. */
async function bareLoop(client: KinesisClient, stream: string, file: string): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  let written = 0;
  for (let i = 0; i < lines.length; i += 500) {
    const result = await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: lines.slice(i, i + 500).map((line) => ({ PartitionKey: randomUUID(), Data: Buffer.from(line) })),
      }),
    );
    if (result.FailedRecordCount) throw new Error(`the bare loop had ${result.FailedRecordCount} records refused`);
    written += result.Records?.length ?? 0;
  }
  return written;
}

async function produce(client: KinesisClient, stream: string, file: string): Promise<number> {
  const summary = await produceFile(client, { stream, file, format: 'jsonl', rejectsFile: `${file}.rejects.jsonl` });
  if (summary.outcome !== 'completed') throw new Error(`produce ${summary.outcome}: ${summary.reason}`);
  return summary.written;
}

export interface ProduceSize {
  records: number;
  rounds: number;
}

export const produceFigures = ['bare.seconds', 'bare.rate', 'produce.seconds', 'produce.rate', 'produce-vs-bare'];

export async function produceBench({ records: RECORDS, rounds }: ProduceSize): Promise<BenchOutput> {
  const kinesis = await startLocalKinesis();
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint: kinesis.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'shardscope-produce-bench-')), 'records.jsonl');
  writeFileSync(
    file,
    Array.from({ length: RECORDS }, (_, n) => JSON.stringify({ n, user: `user-${n % 997}`, note: 'x'.repeat(150) })).join('\n') + '\n',
  );
  try {
    const times = { bare: [] as number[], produce: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      for (const [name, run] of [
        ['bare', bareLoop],
        ['produce', produce],
      ] as const) {
        const stream = `produce-${name}-${round}`;
        await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 4 }));
        await waitUntilStreamExists({ client, maxWaitTime: 60, minDelay: 1 }, { StreamName: stream });
        const started = performance.now();
        const written = await run(client, stream, file);
        if (written !== RECORDS) throw new Error(`${name} wrote ${written} of ${RECORDS} records`);
        times[name].push((performance.now() - started) / 1000);
      }
    }
    const [bare, ours] = [percentile(times.bare, 50), percentile(times.produce, 50)];
    return {
      title: `produce, ${RECORDS.toLocaleString('en-US')} records of about 200 bytes into 4 shards (kinesalite), median of ${rounds}`,
      figures: [
        lower('bare.seconds', 'bare SDK PutRecords loop', bare, 's'),
        higher('bare.rate', 'bare SDK PutRecords loop, rate', RECORDS / bare, 'records/s'),
        lower('produce.seconds', 'shardscope produce', ours, 's'),
        higher('produce.rate', 'shardscope produce, rate', RECORDS / ours, 'records/s'),
        lower('produce-vs-bare', 'produce / bare', (ours / bare) * 100, '%'),
      ],
    };
  } finally {
    client.destroy();
    await kinesis.close();
  }
}

import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw } from '../support/sdk';

/** Writes a batch every few milliseconds until stopped, as the sandbox's demo producer does. */
function writeContinuously(client: KinesisClient, stream: string) {
  const acknowledged: { sequenceNumber: string; shardId: string }[] = [];
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      const batch = Array.from({ length: 5 }, () => ({ PartitionKey: `k${n}`, Data: Buffer.from(JSON.stringify({ n: n++ })) }));
      const result = await client.send(new PutRecordsCommand({ StreamName: stream, Records: batch }));
      for (const r of result.Records ?? []) acknowledged.push({ sequenceNumber: r.SequenceNumber!, shardId: r.ShardId! });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    acknowledged,
    async stop() {
      running = false;
      await loop;
    },
  };
}

describe('shardscope tail --until caught-up on a stream being written to', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const flags = () => ['--endpoint', server.endpoint];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, 'busy', 2);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('ends within a minute, with every record that arrived before each shard was reached, in order and none twice', async () => {
    const writer = writeContinuously(client, 'busy');
    try {
      await expect.poll(() => writer.acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(100);
      const beforeStart = writer.acknowledged.slice();
      const started = Date.now();
      const result = await runCli(['tail', 'busy', '--from', 'TRIM_HORIZON', '--until', 'caught-up', '--json', ...flags()], {
        timeoutMs: 60_000,
      });
      const endedAt = Date.now();
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(endedAt - started).toBeLessThan(60_000);
      await writer.stop();
      const printed = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { shardId: string; sequenceNumber: string; arrivalTime: string });
      const stored = await readAllRaw(client, 'busy');
      expect(stored.length).toBeGreaterThan(printed.length);
      for (const shardId of new Set(stored.map((r) => r.shardId))) {
        const inShard = stored.filter((r) => r.shardId === shardId).map((r) => r.sequenceNumber);
        const printedInShard = printed.filter((r) => r.shardId === shardId).map((r) => r.sequenceNumber);
        // Exactly the shard's records from its start up to the end, with no gap and no repeat.
        expect(printedInShard).toEqual(inShard.slice(0, printedInShard.length));
        // Everything Kinesis acknowledged before the command started is inside the range.
        expect(printedInShard.length).toBeGreaterThanOrEqual(beforeStart.filter((r) => r.shardId === shardId).length);
      }
      for (const record of printed) expect(Date.parse(record.arrivalTime)).toBeLessThanOrEqual(endedAt);
    } finally {
      await writer.stop();
    }
  });
});

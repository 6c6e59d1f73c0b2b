import { ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import { describeSummaries, listStreamNames } from '../../main/domain/engine/kinesis/streams';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../main/domain/sandbox/sandbox';
import { readAllRaw } from '../support/sdk';

const KPL_MAGIC = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** Every record's bytes, read with the bare SDK. */
async function readAll(client: KinesisClient, stream: string): Promise<Buffer[]> {
  return (await readAllRaw(client, stream)).map((record) => record.data);
}

describe('the embedded sandbox', () => {
  let sandbox: Sandbox;
  let client: KinesisClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, recordsPerSecond: 200 });
    client = createKinesisClient({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: SANDBOX_CREDENTIALS });
    // Long enough for every kind of mixed-encodings record (six of them) to be written.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  });
  afterAll(async () => {
    client?.destroy();
    await sandbox?.stop();
  });

  it('has the demo streams with their shard counts', async () => {
    const { summaries: streams } = await describeSummaries(
      client,
      (await listStreamNames(client)).streams.map((s) => s.name),
    );
    expect(streams.map((s) => [s.name, s.openShards, s.status])).toEqual([
      ['clickstream', 4, 'ACTIVE'],
      ['mixed-encodings', 1, 'ACTIVE'],
      ['orders', 2, 'ACTIVE'],
      ['payments', 1, 'ACTIVE'],
      ['telemetry', 1, 'ACTIVE'],
    ]);
  });

  it('keeps writing realistic JSON orders', async () => {
    const records = await readAll(client, 'orders');
    expect(records.length).toBeGreaterThan(5);
    const order = JSON.parse(records[0]!.toString('utf8'));
    expect(order).toMatchObject({ type: 'order', orderId: expect.stringMatching(/^ord-/), customerId: expect.stringMatching(/^cus-/) });
    expect(sandbox.producer!.status().recordsWritten).toBeGreaterThan(100);
  });

  it('spreads clickstream unevenly across its shards', async () => {
    const shards = (await client.send(new ListShardsCommand({ StreamName: 'clickstream' }))).Shards ?? [];
    expect(shards).toHaveLength(4);
    const records = await readAll(client, 'clickstream');
    const users = new Map<string, number>();
    for (const record of records) {
      const { userId } = JSON.parse(record.toString('utf8'));
      users.set(userId, (users.get(userId) ?? 0) + 1);
    }
    const counts = [...users.values()].sort((a, b) => b - a);
    // The busiest user writes far more than a typical one.
    expect(counts[0]!).toBeGreaterThan(5 * counts[Math.floor(counts.length / 2)]!);
  });

  it('carries text, JSON, gzip, zlib, binary and KPL records on mixed-encodings', async () => {
    const records = await readAll(client, 'mixed-encodings');
    const kinds = new Set<string>();
    for (const data of records) {
      if (data.subarray(0, 4).equals(KPL_MAGIC)) kinds.add('kpl');
      else if (data.subarray(0, 2).equals(GZIP_MAGIC)) kinds.add(JSON.parse(gunzipSync(data).toString()).compressed);
      else if (data[0] === 0x78) kinds.add(JSON.parse(inflateSync(data).toString()).compressed);
      else if (data.subarray(0, 4).toString('ascii') === 'SSB1') kinds.add('binary');
      else if (data[0] === 0x7b) kinds.add(JSON.parse(data.toString()).type === 'sensor_reading' ? 'json' : 'other');
      else kinds.add(/ INFO worker-\d/.test(data.toString()) ? 'text' : 'other');
    }
    expect([...kinds].sort()).toEqual(['binary', 'gzip', 'json', 'kpl', 'text', 'zlib']);
  });
});

import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import { ReadBudgets } from '../../main/domain/engine/reader/read-budget';
import { ReadSession } from '../../main/domain/engine/reader/read-session';
import type { StartPosition } from '../../shared/contract';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The most GetRecords calls on a shard that any one-second window holds (less a little timer slack). */
function busiestSecond(proxy: FaultProxy, shardId: string, from: number): number {
  const times = proxy.calls.filter((c) => c.operation === 'GetRecords' && c.shardId === shardId && c.at >= from).map((c) => c.at);
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 950).length));
}

/** Writes `perSecond` small records a second across the stream's shards until stopped. */
function trickle(client: KinesisClient, stream: string, perSecond: number): () => Promise<number> {
  let written = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const records = Array.from({ length: perSecond / 5 }, () => ({
        PartitionKey: Math.random().toString(36),
        Data: Buffer.from('{"tick":1}'),
      }));
      await client.send(new PutRecordsCommand({ StreamName: stream, Records: records }));
      written += records.length;
      await sleep(200);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return written;
  };
}

async function fill(client: KinesisClient, stream: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 500) {
    const records = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
      PartitionKey: `k${i + j}`,
      Data: Buffer.from(`{"n":${i + j}}`),
    }));
    await client.send(new PutRecordsCommand({ StreamName: stream, Records: records }));
  }
}

// The counting proxy sits in front of kinesalite and tells each GetRecords call's shard by the iterators it hands out.
// The budget's arithmetic is pinned exactly on a held clock in test/unit/read-budget.test.ts. Here
// real readers poll a real server and the calls are counted at the wire as they happen, so the
// figures carry the jitter of timers and of a shared machine: bounds are the spec of this file.
describe('the read budget, counted at the wire in front of kinesalite', () => {
  let server: RunningKinesisServer;
  let proxy: FaultProxy;
  let client: KinesisClient;
  const running: { session: ReadSession; client: KinesisClient }[] = [];

  const read = async (stream: string, position: StartPosition, budgets: ReadBudgets) => {
    const readerClient = createKinesisClient({
      region: server.region,
      endpoint: proxy.endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    let records = 0;
    const session = new ReadSession({
      client: readerClient,
      stream,
      position,
      budget: budgets.forStream('test', stream),
      onRecords: (_shard, page) => void (records += page.length),
    });
    running.push({ session, client: readerClient });
    await session.start();
    return { session, read: () => records };
  };

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    proxy = await startFaultProxy(server.endpoint);
    client = arrangeClient(server);
  });
  afterEach(async () => {
    for (const { session, client: c } of running.splice(0)) {
      await session.stop();
      c.destroy();
    }
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await server?.stop();
  });

  it('polls a trickling shard about once a second, though the budget allows five', async () => {
    const stream = uniqueName('trickle');
    await createStream(client, stream, 4);
    const reader = await read(stream, { type: 'LATEST' }, new ReadBudgets(() => ({ callsPerSecond: 5, mibPerSecond: null })));
    // LATEST holds its place once each shard has its iterator; what is written from then on is read.
    await expect.poll(() => reader.session.shardStatuses().every((s) => s.state !== 'waiting')).toBe(true);
    const stopWriting = trickle(client, stream, 20);
    await sleep(1_500);
    const from = Date.now();
    await sleep(6_000);
    const to = Date.now();
    const written = await stopWriting();
    await expect.poll(reader.read, { timeout: 5_000 }).toBe(written);
    for (let shard = 0; shard < 4; shard++) {
      const shardId = `shardId-00000000000${shard}`;
      const perSecond = proxy.getRecordsOn(shardId, from, to) / ((to - from) / 1000);
      expect(perSecond, shardId).toBeGreaterThan(0.7);
      expect(perSecond, shardId).toBeLessThanOrEqual(1.1);
      expect(busiestSecond(proxy, shardId, from), shardId).toBe(1);
    }
  });

  it('drains a backlog faster, but never faster than the budget', async () => {
    const stream = uniqueName('backlog');
    await createStream(client, stream, 1);
    await fill(client, stream, 40_000);
    const from = Date.now();
    // kinesalite pages hold up to 10,000 records, so the backlog takes several full pages.
    const reader = await read(stream, { type: 'TRIM_HORIZON' }, new ReadBudgets(() => ({ callsPerSecond: 2, mibPerSecond: null })));
    await expect.poll(reader.read, { timeout: 20_000 }).toBe(40_000);
    const calls = proxy.calls
      .filter((c) => c.operation === 'GetRecords' && c.shardId === 'shardId-000000000000' && c.at >= from)
      .map((c) => c.at);
    // Full pages follow each other at the budget's pace (500 ms), not the idle pace (1 s).
    const gaps = calls.slice(1, 4).map((t, i) => t - calls[i]!);
    expect(
      gaps.every((gap) => gap >= 450 && gap < 900),
      `gaps ${gaps}`,
    ).toBe(true);
    expect(busiestSecond(proxy, 'shardId-000000000000', from)).toBeLessThanOrEqual(2);
  });

  it('keeps three sessions on one stream together inside one budget, draining and trickling', async () => {
    const stream = uniqueName('shared');
    await createStream(client, stream, 2);
    await fill(client, stream, 30_000);
    const budgets = new ReadBudgets(() => ({ callsPerSecond: 2, mibPerSecond: null }));
    const from = Date.now();
    const readers = [
      await read(stream, { type: 'TRIM_HORIZON' }, budgets),
      await read(stream, { type: 'TRIM_HORIZON' }, budgets),
      await read(stream, { type: 'LATEST' }, budgets),
    ];
    const stopWriting = trickle(client, stream, 10);
    await expect.poll(() => readers[0]!.read() >= 30_000 && readers[1]!.read() >= 30_000, { timeout: 30_000 }).toBe(true);
    await sleep(4_000);
    await stopWriting();
    for (const shardId of ['shardId-000000000000', 'shardId-000000000001']) {
      expect(busiestSecond(proxy, shardId, from), shardId).toBeLessThanOrEqual(2);
      // Together they still read: three sessions at the budget's pace, not starved.
      expect(proxy.getRecordsOn(shardId, from, Date.now())).toBeGreaterThan(6);
    }
  });

  it('keeps to a byte budget: a large page pushes the next call out', async () => {
    const stream = uniqueName('bytes');
    await createStream(client, stream, 1);
    const kib = Buffer.alloc(1024, 'x').toString();
    for (let i = 0; i < 4; i++) {
      await client.send(
        new PutRecordsCommand({
          StreamName: stream,
          Records: Array.from({ length: 256 }, (_, j) => ({ PartitionKey: `k${j}`, Data: Buffer.from(`{"pad":"${kib}"}`) })),
        }),
      );
    }
    const from = Date.now();
    // About 1 MiB of backlog under a 0.25 MiB/s budget: at least four seconds, whatever the call budget.
    const reader = await read(stream, { type: 'TRIM_HORIZON' }, new ReadBudgets(() => ({ callsPerSecond: 5, mibPerSecond: 0.25 })));
    await expect.poll(reader.read, { timeout: 20_000 }).toBe(1024);
    const calls = proxy.calls
      .filter((c) => c.operation === 'GetRecords' && c.shardId === 'shardId-000000000000' && c.at >= from)
      .map((c) => c.at);
    await expect
      .poll(() => proxy.getRecordsOn('shardId-000000000000', from, Date.now()), { timeout: 10_000 })
      .toBeGreaterThan(calls.length);
    const afterBacklog = proxy.calls
      .filter((c) => c.operation === 'GetRecords' && c.shardId === 'shardId-000000000000' && c.at >= from)
      .map((c) => c.at);
    // The page of ~1 MiB was followed by a pause of about 4 s before the next call.
    expect(afterBacklog[1]! - afterBacklog[0]!).toBeGreaterThan(3_500);
  });
});

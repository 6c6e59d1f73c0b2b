import {
  DeleteStreamCommand,
  MergeShardsCommand,
  SplitShardCommand,
  waitUntilStreamExists,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../support/fault-proxy';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { collect, put, type Collected } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const batch = (tag: string, n: number) => Array.from({ length: n }, (_, i) => ({ key: `key-${i}`, data: `${tag}-${i}` }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(kinesisServerKinds)('the read engine on %s', (kind) => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const sessions: Collected[] = [];
  const open = async (...args: Parameters<typeof collect>) => {
    const c = await collect(...args);
    sessions.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.session.stop()));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  describe('each starting position reads exactly the records it should', () => {
    const stream = uniqueName('positions');
    let first: Awaited<ReturnType<typeof put>>;
    let second: Awaited<ReturnType<typeof put>>;
    let between: string;

    beforeAll(async () => {
      await createStream(client, stream, 2);
      first = await put(client, stream, batch('first', 8));
      await sleep(1_100);
      between = new Date().toISOString();
      await sleep(1_100);
      second = await put(client, stream, batch('second', 8));
    });

    const expectedByShard = (records: typeof first) => {
      const map = new Map<string, string[]>();
      for (const r of records) map.set(r.shardId, [...(map.get(r.shardId) ?? []), r.data]);
      return map;
    };

    it('TRIM_HORIZON: every record, each shard in order', async () => {
      const c = await open(server.endpoint, stream, { type: 'TRIM_HORIZON' });
      await c.until(() => c.session.isCaughtUp() && c.all.length >= 16);
      expect(c.byShard).toEqual(expectedByShard([...first, ...second]));
    });

    it('AT_TIMESTAMP: only the records after the moment', async () => {
      const c = await open(server.endpoint, stream, { type: 'AT_TIMESTAMP', timestamp: between });
      await c.until(() => c.session.isCaughtUp());
      expect(c.byShard).toEqual(expectedByShard(second));
    });

    it('AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER: from that record, or the one after, in that shard only', async () => {
      const shard = first[0]!.shardId;
      const inShard = [...first, ...second].filter((r) => r.shardId === shard);
      const at = await open(server.endpoint, stream, {
        type: 'AT_SEQUENCE_NUMBER',
        shardId: shard,
        sequenceNumber: inShard[2]!.sequenceNumber,
      });
      await at.until(() => at.session.isCaughtUp());
      expect(at.byShard).toEqual(new Map([[shard, inShard.slice(2).map((r) => r.data)]]));
      const after = await open(server.endpoint, stream, {
        type: 'AFTER_SEQUENCE_NUMBER',
        shardId: shard,
        sequenceNumber: inShard[2]!.sequenceNumber,
      });
      await after.until(() => after.session.isCaughtUp());
      expect(after.byShard).toEqual(new Map([[shard, inShard.slice(3).map((r) => r.data)]]));
    });

    it('LATEST: only what is written after the session holds its place', async () => {
      const c = await open(server.endpoint, stream, { type: 'LATEST' });
      await c.until(() => c.session.shardStatuses().every((s) => s.state !== 'waiting'));
      const third = await put(client, stream, batch('third', 6));
      await c.until(() => c.all.length >= 6);
      await sleep(1_200);
      expect(c.byShard).toEqual(expectedByShard(third));
    });

    it('a chosen subset of shards', async () => {
      const shard = second[0]!.shardId;
      const c = await open(server.endpoint, stream, { type: 'TRIM_HORIZON' }, [shard]);
      await c.until(() => c.session.isCaughtUp());
      expect([...c.byShard.keys()]).toEqual([shard]);
    });
  });

  it('follows a split made mid-session: every record once, the parent before its children', async () => {
    const stream = uniqueName('split');
    await createStream(client, stream, 1);
    const before = await put(client, stream, batch('before', 10));
    const c = await open(server.endpoint, stream, { type: 'TRIM_HORIZON' });
    await c.until(() => c.all.length === 10);
    await client.send(
      new SplitShardCommand({ StreamName: stream, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (1n << 127n).toString() }),
    );
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: stream });
    const after = await put(client, stream, batch('after', 20));
    await c.until(() => c.all.length >= 30);
    await sleep(1_200);
    expect(c.all.map((r) => r.data).sort()).toEqual([...before, ...after].map((r) => r.data).sort());
    expect(c.all.slice(0, 10).map((r) => r.data)).toEqual(before.map((r) => r.data));
    expect(new Set(c.all.slice(10).map((r) => r.shardId))).toEqual(new Set(after.map((r) => r.shardId)));
    expect(c.session.shardStatuses().find((s) => s.shardId === 'shardId-000000000000')!.state).toBe('ended');
    // Choosing the parent alone takes its children with it: what it held goes on in them.
    const subset = await open(server.endpoint, stream, { type: 'TRIM_HORIZON' }, ['shardId-000000000000']);
    await subset.until(() => subset.all.length >= 30 && subset.session.isCaughtUp());
    expect(subset.all.map((r) => r.data).sort()).toEqual([...before, ...after].map((r) => r.data).sort());
  });

  it('follows a merge made mid-session: both parents to their end before the child, every record once', async () => {
    const stream = uniqueName('merge');
    await createStream(client, stream, 2);
    const before = await put(client, stream, batch('before', 16));
    const c = await open(server.endpoint, stream, { type: 'TRIM_HORIZON' });
    await c.until(() => c.all.length === 16);
    await client.send(
      new MergeShardsCommand({ StreamName: stream, ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }),
    );
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: stream });
    const after = await put(client, stream, batch('after', 12));
    await c.until(() => c.all.length >= 28);
    await sleep(1_200);
    expect(c.all.map((r) => r.data).sort()).toEqual([...before, ...after].map((r) => r.data).sort());
    const child = after[0]!.shardId;
    expect(new Set(after.map((r) => r.shardId))).toEqual(new Set([child]));
    // Nothing of the child is read before both parents are read to their end.
    const firstOfChild = c.all.findIndex((r) => r.shardId === child);
    expect(c.all.slice(firstOfChild).every((r) => r.shardId === child)).toBe(true);
    const states = Object.fromEntries(c.session.shardStatuses().map((s) => [s.shardId, s.state]));
    expect([states['shardId-000000000000'], states['shardId-000000000001']]).toEqual(['ended', 'ended']);
  });

  it('refuses a shard the stream does not have, naming the ones it has', async () => {
    const stream = uniqueName('no-such-shard');
    await createStream(client, stream, 1);
    await expect(open(server.endpoint, stream, { type: 'TRIM_HORIZON' }, ['shardId-000000000009'])).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('has no shard shardId-000000000009. Its shards: shardId-000000000000'),
    });
  });

  it('resumes a LATEST read paused past the life of its iterator where it stood, not at a new LATEST', async () => {
    const stream = uniqueName('paused-latest');
    await createStream(client, stream, 1);
    const proxy = await startFaultProxy(server.endpoint);
    try {
      const c = await open(proxy.endpoint, stream, { type: 'LATEST' });
      await c.until(() => c.session.shardStatuses().every((s) => s.state === 'caught-up'));
      c.session.pause();
      const whilePaused = await put(client, stream, batch('paused', 5));
      // Five minutes of pause, as Kinesis would answer the next call on the old iterator.
      proxy.inject('GetRecords', 'ExpiredIteratorException', 1);
      c.session.resume();
      await c.until(() => c.all.length >= 5 && proxy.injected === 1);
      expect(c.all.map((r) => r.data)).toEqual(whilePaused.map((r) => r.data));
    } finally {
      await proxy.close();
    }
  });

  it('rides out throttling and an expired iterator without losing or repeating a record', async () => {
    const stream = uniqueName('faults');
    await createStream(client, stream, 1);
    const written = await put(client, stream, batch('one', 5));
    const proxy = await startFaultProxy(server.endpoint);
    try {
      proxy.inject('GetRecords', 'ProvisionedThroughputExceededException', 3);
      const c = await open(proxy.endpoint, stream, { type: 'TRIM_HORIZON' });
      await c.until(() => c.all.length === 5);
      proxy.inject('GetRecords', 'ExpiredIteratorException', 2);
      const more = await put(client, stream, batch('two', 5));
      await c.until(() => c.all.length >= 10 && proxy.injected === 5);
      await sleep(1_200);
      expect(c.all.map((r) => r.data)).toEqual([...written, ...more].map((r) => r.data));
      expect(c.session.shardStatuses()[0]!.throttled).toBe(3);
    } finally {
      await proxy.close();
    }
  });

  it('stops with a clear reason when the stream is deleted', async () => {
    const stream = uniqueName('vanishing');
    await createStream(client, stream, 1);
    let reason: string | null = null;
    const c = await open(server.endpoint, stream, { type: 'LATEST' }, undefined, (why) => (reason = why));
    await client.send(new DeleteStreamCommand({ StreamName: stream }));
    await c.until(() => reason !== null, 30_000);
    expect(reason).toMatch(/^shardId-000000000000: ResourceNotFoundException/);
  });
});

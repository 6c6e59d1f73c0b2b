import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutRecordCommand, SplitShardCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { invocationRecord } from '../support/invocation-records';
import { referenceAggregate } from '../support/kpl-reference';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, readAllRaw, uniqueName, type RawRecord } from '../support/sdk';

const items = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `k-${from + i}`, data: `{"n":${from + i}}` }));

/** A notice for a run of records as Kinesis stored them: Lambda's batch of exactly those. */
const noticeFor = (stream: string, batch: RawRecord[]) =>
  invocationRecord({
    stream,
    shardId: batch[0]!.shardId,
    start: batch[0]!.sequenceNumber,
    end: batch.at(-1)!.sequenceNumber,
    batchSize: batch.length,
    firstArrival: new Date(),
  });

describe('shardscope redrive --show on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: ReturnType<typeof arrangeClient>;
  const folder = mkdtempSync(path.join(tmpdir(), 'redrive-'));

  const redrive = async (notices: unknown[], extra: string[] = [], env?: NodeJS.ProcessEnv) => {
    const file = path.join(folder, `${uniqueName('notices')}.jsonl`);
    writeFileSync(file, notices.map((n) => (typeof n === 'string' ? n : JSON.stringify(n))).join('\n'));
    const result = await runCli(['redrive', '--from', file, '--json', '--endpoint', server.endpoint, '--region', server.region, ...extra], {
      env,
    });
    expect(result.code, result.stderr).toBe(0);
    const printed = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { sequenceNumber: string; subSequenceNumber: number | null; partitionKey: string; data: unknown });
    return { printed, stderr: result.stderr };
  };

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('prints the records of notices in the documented shape once, duplicates and overlaps merged', async () => {
    const stream = uniqueName('orders');
    await createStream(client, stream, 1);
    await put(client, stream, items(0, 20));
    const stored = await readAllRaw(client, stream);
    const [a, c] = [stored.slice(5, 10), stored.slice(8, 13)];
    const { printed, stderr } = await redrive([noticeFor(stream, a), noticeFor(stream, a), noticeFor(stream, c), '{ torn'], []);
    expect(printed.map((r) => r.sequenceNumber)).toEqual(stored.slice(5, 13).map((r) => r.sequenceNumber));
    expect(printed.map((r) => r.data)).toEqual(stored.slice(5, 13).map((r) => JSON.parse(r.data.toString())));
    expect(stderr).toContain('3 notices in 1 range: 8 records found, 0 expired');
    // The range counts each record once, however many of its notices name it.
    expect(stderr).toMatch(/ \(3 notices, 8 found\)\n/);
    expect(stderr).toMatch(/skipped .*:4: not JSON/);
  });

  it('reads a range on a closed parent and one on its child, and nothing past either', async () => {
    const stream = uniqueName('split');
    await createStream(client, stream, 1);
    await put(client, stream, items(0, 10));
    await client.send(
      new SplitShardCommand({ StreamName: stream, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (2n ** 127n).toString() }),
    );
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: stream });
    await put(client, stream, items(10, 20));
    const stored = await readAllRaw(client, stream);
    const parent = stored.filter((r) => r.shardId === 'shardId-000000000000');
    const child = stored.filter((r) => r.shardId === 'shardId-000000000001');
    expect(parent).toHaveLength(10);
    expect(child.length).toBeGreaterThan(3);
    // The parent's batch ends on its last record: read to its end, the shard must hand nothing on to its children.
    const wanted = [...parent.slice(7), ...child.slice(1, 3)];
    const { printed } = await redrive([noticeFor(stream, parent.slice(7)), noticeFor(stream, child.slice(1, 3))]);
    expect(printed.map((r) => r.sequenceNumber)).toEqual(wanted.map((r) => r.sequenceNumber));
  });

  it('splits KPL aggregates into their user records; the batch counts Kinesis records', async () => {
    const stream = uniqueName('kpl');
    await createStream(client, stream, 1);
    const aggregate = (n: number) =>
      referenceAggregate({
        partition_key_table: [`a-${n}`, `b-${n}`],
        records: [0, 1, 2].map((i) => ({ partition_key_index: i % 2, data: Buffer.from(`{"agg":${n},"i":${i}}`) })),
      });
    for (const n of [0, 1, 2]) await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: `a-${n}`, Data: aggregate(n) }));
    const stored = await readAllRaw(client, stream);
    const { printed, stderr } = await redrive([noticeFor(stream, stored.slice(1, 3))]);
    expect(printed.map((r) => [r.sequenceNumber, r.subSequenceNumber, r.partitionKey, r.data])).toEqual(
      [1, 2].flatMap((n) => [0, 1, 2].map((i) => [stored[n]!.sequenceNumber, i, i % 2 ? `b-${n}` : `a-${n}`, { agg: n, i }])),
    );
    expect(stderr).toContain('1 notice in 1 range: 6 records found, 0 expired');
  });

  it('reports records retention took: a range that starts before the trim horizon, and a stream gone', async () => {
    // kinesalite keeps records until its stream is deleted, so retention cannot be waited out: a
    // batch whose first sequence number comes before any the shard still holds (1, lower than
    // the shard's first) is what Kinesis shows of a batch whose start retention trimmed.
    const stream = uniqueName('trimmed');
    await createStream(client, stream, 1);
    const arrival = new Date(Date.now() - 1_000);
    await put(client, stream, items(0, 6));
    const stored = await readAllRaw(client, stream);
    const trimmed = invocationRecord({
      stream,
      shardId: stored[0]!.shardId,
      start: '1',
      end: stored[1]!.sequenceNumber,
      batchSize: 5,
      firstArrival: arrival,
    });
    const gone = uniqueName('gone');
    const lost = invocationRecord({
      stream: gone,
      shardId: 'shardId-000000000000',
      start: '1',
      end: '2',
      batchSize: 2,
      firstArrival: arrival,
    });
    const { printed, stderr } = await redrive([trimmed, lost]);
    expect(printed.map((r) => r.sequenceNumber)).toEqual(stored.slice(0, 2).map((r) => r.sequenceNumber));
    expect(stderr).toContain('2 notices in 1 range: 2 records found, 5 expired');
    // kinesalite keeps records 24 hours: they expire a day after the batch arrived.
    const expiredAt = new Date(arrival.getTime() + 24 * 3_600_000).toISOString();
    expect(stderr).toMatch(new RegExp(`:1: 3 of 5 expired at ${expiredAt.replace(/\./g, '\\.')}\n`));
    expect(stderr).toContain(`:2: 2 of 2 expired (the stream ${gone} is gone)`);
  });

  it('leaves alone a notice for a stream of the same name in another region, and says so', async () => {
    const stream = uniqueName('region');
    await createStream(client, stream, 1);
    await put(client, stream, items(0, 3));
    const stored = await readAllRaw(client, stream);
    const here = noticeFor(stream, stored.slice(0, 1));
    const there = invocationRecord({
      ...here.KinesisBatchInfo,
      stream,
      start: stored[0]!.sequenceNumber,
      end: stored[2]!.sequenceNumber,
      batchSize: 3,
      region: 'eu-west-1',
    });
    const { printed, stderr } = await redrive([here, there]);
    expect(printed.map((r) => r.sequenceNumber)).toEqual([stored[0]!.sequenceNumber]);
    expect(stderr).toContain('2 notices in 1 range: 1 record found, 0 expired, 3 not looked for');
    expect(stderr).toContain(
      `:2: 3 of 3 not looked for (the notice is for arn:aws:kinesis:eu-west-1:000000000000:stream/${stream}; this connection reaches arn:aws:kinesis:us-east-1:000000000000:stream/${stream})`,
    );
  });

  it("masks the records it prints with the connection's rules and a --masking file", async () => {
    const stream = uniqueName('masked');
    await createStream(client, stream, 1);
    await put(client, stream, [
      { key: 'k-0', data: '{"email":"ann@example.com","note":"call ann","n":0}' },
      { key: 'k-1', data: '{"email":"bob@example.com","note":"call bob","n":1}' },
    ]);
    const stored = await readAllRaw(client, stream);
    const env = { SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'redrive-masking-')) };
    const flags = ['--endpoint', server.endpoint, '--region', server.region];
    const added = await runCli(['mask', 'add', '--path', 'data.email', '--action', 'redact', ...flags], { env });
    expect(added.code, added.stderr).toBe(0);
    const extra = path.join(folder, 'extra-rules.json');
    writeFileSync(
      extra,
      JSON.stringify({
        rules: [
          { path: 'data.note', action: 'drop' },
          { path: 'data.nothing', action: 'drop' },
        ],
      }),
    );
    const { printed, stderr } = await redrive([noticeFor(stream, stored)], ['--masking', extra], env);
    expect(printed.map((r) => r.data)).toEqual([
      { email: '***', n: 0 },
      { email: '***', n: 1 },
    ]);
    expect(stderr).toMatch(/data\.nothing.*masked nothing/);
  });
});

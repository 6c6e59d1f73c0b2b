import { gzipSync } from 'node:zlib';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import { runCli } from '../support/cli';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(kinesisServerKinds)('search on %s', (kind) => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('search');
  let start = '';
  let between = '';

  /** The partition keys of what `search --where EXPR` matched, sorted. */
  const matches = async (expression: string, ...extra: string[]) => {
    const result = await runCli([
      'search',
      stream,
      '--where',
      expression,
      '--from',
      `AT_TIMESTAMP:${start}`,
      '--json',
      ...extra,
      '--endpoint',
      server.endpoint,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const keys = result.stdout.trim()
      ? result.stdout
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { partitionKey: string }).partitionKey)
      : [];
    return { keys: keys.sort(), stderr: result.stderr };
  };

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    start = new Date(Date.now() - 1_000).toISOString();
    await put(client, stream, [
      { key: 'user-001', data: JSON.stringify({ status: 'FAILED', total: { amount: 150.5 }, items: [{ status: 'OK' }] }) },
      { key: 'user-002', data: JSON.stringify({ status: 'FAILED', total: { amount: 20 }, items: [{ status: 'FAILED' }] }) },
      { key: 'user-103', data: JSON.stringify({ status: 'PAID', total: { amount: 900 }, items: [] }) },
      { key: 'odd-type', data: JSON.stringify({ status: 'FAILED', total: { amount: 'a lot' } }) },
      { key: 'text-1', data: 'hello, a plain text record' },
      { key: 'big-1', data: JSON.stringify({ status: 'PAID', pad: 'x'.repeat(1_200) }) },
    ]);
    await client.send(
      new PutRecordCommand({
        StreamName: stream,
        PartitionKey: 'gzip-1',
        Data: gzipSync(JSON.stringify({ status: 'FAILED', total: { amount: 101 }, items: [{ status: 'FAILED' }] })),
      }),
    );
    const [aggregate] = await aggregateUserRecords([
      { partitionKey: 'user-009', data: Buffer.from(JSON.stringify({ status: 'FAILED', total: { amount: 500 } })) },
      { partitionKey: 'kpl-2', data: Buffer.from(JSON.stringify({ status: 'PAID', total: { amount: 1 } })) },
    ]);
    await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: aggregate!.partitionKey, Data: aggregate!.data }));
    await sleep(1_100);
    between = new Date().toISOString();
    await sleep(1_100);
    await put(client, stream, [
      { key: 'user-004', data: JSON.stringify({ status: 'FAILED', total: { amount: 300 }, items: [{ status: 'FAILED' }] }) },
    ]);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it.each([
    ['data.status == "FAILED" && data.total.amount > 100.0', ['gzip-1', 'user-001', 'user-004', 'user-009']],
    ['partitionKey.startsWith("user-00")', ['user-001', 'user-002', 'user-004', 'user-009']],
    ['"FAILED" in data.items.map(i, i.status)', ['gzip-1', 'user-002', 'user-004']],
    ['size > 1000', ['big-1']],
  ])('%s matches exactly the records it should (KPL, gzip and text among them)', async (expression, expected) => {
    expect((await matches(expression)).keys).toEqual(expected);
  });

  it('compares arrival times, and keeps to the window', async () => {
    expect((await matches(`arrivalTime > timestamp("${between}")`)).keys).toEqual(['user-004']);
    expect((await matches('partitionKey.startsWith("user-00")', '--until', between)).keys).toEqual(['user-001', 'user-002', 'user-009']);
  });

  it('skips and counts a record the expression cannot be evaluated on, and says so', async () => {
    const { keys, stderr } = await matches('data.total.amount > 100.0');
    expect(keys).toEqual(['gzip-1', 'user-001', 'user-004', 'user-009', 'user-103']);
    expect(stderr).toMatch(
      /^scanned 10, matched 5 in [\d.]+ s; 1 record could not be evaluated \(first: shardId-\d+\/\d+: no such overload/,
    );
  });

  it('stops at the limit of matches', async () => {
    expect((await matches('true', '--limit', '3')).keys).toHaveLength(3);
  });

  it('refuses an expression that does not compile, with exit code 2 and the position', async () => {
    const result = await runCli(['search', stream, '--where', 'data.status == ', '--endpoint', server.endpoint]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The expression does not compile: Unexpected token: EOF');
    expect(result.stderr).toContain('^');
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRecord } from '../../main/domain/engine/decode/record';
import { hashKeyOf } from '../../main/domain/engine/kinesis/shard-for';
import { listShards } from '../../main/domain/engine/kinesis/stream-detail';
import { runCli } from '../support/cli';
import { referenceDeaggregate } from '../support/kpl-reference';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { kinesisServerKinds, startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, keyed, readAllRaw, uniqueName } from '../support/sdk';
import { AWS_CLI, AWS_CLI_REGION_ENV } from '../support/aws-cli';

const folder = mkdtempSync(path.join(tmpdir(), 'shardscope-produce-'));
function file(name: string, text: string): string {
  const at = path.join(folder, name);
  writeFileSync(at, text);
  return at;
}

const orders = Array.from({ length: 1_200 }, (_, i) => ({ id: i, user: `u${i % 13}`, note: 'x'.repeat(150) }));
const ordersFile = file(
  'orders.jsonl',
  `${orders.map((o) => JSON.stringify(o)).join('\n')}\nnot json\n${JSON.stringify({ id: 'no-user' })}\n`,
);

describe.each(kinesisServerKinds)('writing records with the CLI, read back with the bare SDK, on %s', (kind) => {
  let server: RunningKinesisServer;
  let client: ReturnType<typeof arrangeClient>;
  const flags = () => ['--endpoint', server.endpoint, '--region', server.region, '--yes'];

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('put: the shard and sequence number printed are where the bytes are, with the key given', async () => {
    const stream = uniqueName('put');
    await createStream(client, stream, 2);
    const result = await runCli(['put', stream, '--partition-key', 'order-7', '--data', '{"total": 12.5}', '--json', ...flags()]);
    expect(result.stderr).toBe('');
    const put = JSON.parse(result.stdout);
    const binary = Buffer.from([0, 1, 2, 254, 255]);
    const zipped = await runCli(['put', stream, '--partition-key', 'bin', '--gzip', '--json', ...flags()], {
      stdin: binary.toString('latin1'),
    });
    expect(zipped.code).toBe(0);
    const records = await readAllRaw(client, stream);
    const first = records.find((r) => r.sequenceNumber === put.sequenceNumber)!;
    expect(first).toMatchObject({ shardId: put.shardId, partitionKey: 'order-7' });
    expect(first.data.toString()).toBe('{"total": 12.5}');
    const second = records.find((r) => r.partitionKey === 'bin')!;
    expect(gunzipSync(second.data)).toEqual(Buffer.from(binary.toString('latin1'), 'utf8'));
  });

  it('produce JSON Lines with --key-from: every line once, keyed by its field; the rest in the rejects file with the reason', async () => {
    const stream = uniqueName('jsonl');
    await createStream(client, stream, 3);
    const result = await runCli(['produce', stream, '--file', ordersFile, '--key-from', 'user', '--json', ...flags()]);
    // Two lines left out: a script must not take the file as written.
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('2 lines were rejected and not written');
    // Full calls: 500, 500 and 200 records.
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 1_200, rejected: 2, calls: 3, outcome: 'completed' });
    const expected = orders.map((o) => ({ partitionKey: o.user, data: JSON.stringify(o) }));
    expect(keyed(await readAllRaw(client, stream))).toEqual(keyed(expected));
    const rejects = readFileSync(`${ordersFile}.rejects.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects.map((r) => [r.line, r.record])).toEqual([
      [1_201, 'not json'],
      [1_202, '{"id":"no-user"}'],
    ]);
    expect(rejects[1].reason).toContain('no field "user"');
  });

  it('produce CSV rows as JSON objects (strings kept as written), plain lines, and a record over 1 MiB set aside', async () => {
    const stream = uniqueName('csv');
    await createStream(client, stream, 1);
    const csv = file('rows.csv', 'id,user,amount\n007,ann,1.50\n008,bob,2\n');
    const lines = file('lines.txt', `first line\n\nsecond line\n${'z'.repeat(1_100_000)}\n`);
    expect((await runCli(['produce', stream, '--file', csv, '--key', 'fixed', ...flags()])).code).toBe(0);
    const plain = await runCli(['produce', stream, '--file', lines, '--key', 'fixed', '--json', ...flags()]);
    expect(JSON.parse(plain.stdout)).toMatchObject({ written: 2, rejected: 1 });
    const written = await readAllRaw(client, stream);
    // One key, one shard: in the file's order.
    expect(written.map((r) => r.data.toString())).toEqual([
      '{"id":"007","user":"ann","amount":"1.50"}',
      '{"id":"008","user":"bob","amount":"2"}',
      'first line',
      'second line',
    ]);
    const [reject] = readFileSync(`${lines}.rejects.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(reject.line).toBe(4);
    expect(reject.reason).toContain('Kinesis takes at most 1,048,576');
  });

  it('produce --rate sends a second’s worth a call, not a burst of 500', async () => {
    const stream = uniqueName('rate');
    await createStream(client, stream, 1);
    const lines = file(`rate-${kind}.txt`, Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n'));
    const result = await runCli(['produce', stream, '--file', lines, '--rate', '10', '--json', ...flags()]);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 30, calls: 3 });
  });

  it('produce keeps each call under 5 MiB: records of 900 KB go five to a call', async () => {
    const stream = uniqueName('big');
    await createStream(client, stream, 2);
    const big = file(`big-${kind}.txt`, Array.from({ length: 12 }, (_, i) => `${i}`.padEnd(900_000, '.')).join('\n'));
    const result = await runCli(['produce', stream, '--file', big, '--json', ...flags()]);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 12, calls: 3 });
    expect((await readAllRaw(client, stream)).map((r) => r.data.length)).toEqual(Array(12).fill(900_000));
  });

  it('produce --aggregate: KPL aggregates that a schema-driven protobuf reader and Shardscope read back, each on its keys’ shard', async () => {
    const stream = uniqueName('agg');
    await createStream(client, stream, 4);
    const result = await runCli(['produce', stream, '--file', ordersFile, '--key-from', 'user', '--aggregate', '--json', ...flags()]);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ written: 1_200, rejected: 2 });
    // One aggregate for each of the four shards: the small orders of one shard fit in one.
    expect(summary.kinesisRecords).toBe(4);
    const shards = await listShards(client, stream);
    const stored = await readAllRaw(client, stream);
    expect(stored).toHaveLength(summary.kinesisRecords);
    const reference = stored.flatMap((record) => {
      const users = referenceDeaggregate(record.data).map((u) => ({ partitionKey: u.partitionKey, data: u.data.toString() }));
      for (const user of users) {
        const shard = shards.find(
          (s) => BigInt(s.hashKeyRange.start) <= hashKeyOf(user.partitionKey) && hashKeyOf(user.partitionKey) <= BigInt(s.hashKeyRange.end),
        );
        expect(shard?.shardId).toBe(record.shardId);
      }
      return users;
    });
    const expected = orders.map((o) => ({ partitionKey: o.user, data: JSON.stringify(o) }));
    expect(keyed(reference)).toEqual(keyed(expected));
    const ours = stored.flatMap((r) =>
      decodeRecord(r.shardId, { Data: r.data, PartitionKey: r.partitionKey, SequenceNumber: r.sequenceNumber }).map((u) => ({
        partitionKey: u.partitionKey,
        data: u.stored,
      })),
    );
    expect(keyed(ours)).toEqual(keyed(expected));
  });
});

describe('produce through a proxy that refuses part of each PutRecords call, on kinesalite', () => {
  let server: RunningKinesisServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    proxy = await startFaultProxy(server.endpoint);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('sends again exactly the refused records: every line once, the retries counted', async () => {
    const client = arrangeClient(server);
    const stream = uniqueName('partial');
    await createStream(client, stream, 2);
    proxy.refuseSomePutRecords(3, 3);
    const result = await runCli([
      'produce',
      stream,
      '--file',
      ordersFile,
      '--key-from',
      'user',
      '--json',
      '--endpoint',
      proxy.endpoint,
      '--yes',
    ]);
    const summary = JSON.parse(result.stdout);
    // A third of the first call (500 records), then a third of its retry, and of that one's.
    expect(proxy.refusedRecords).toBe(167 + 56 + 19);
    expect(summary).toMatchObject({ written: 1_200, retried: proxy.refusedRecords, outcome: 'completed' });
    const expected = orders.map((o) => ({ partitionKey: o.user, data: JSON.stringify(o) }));
    expect(keyed(await readAllRaw(client, stream))).toEqual(keyed(expected));
    client.destroy();
  });

  it('what put wrote, the AWS CLI reads back byte for byte', async () => {
    const client = arrangeClient(server);
    const stream = uniqueName('awscli');
    await createStream(client, stream, 1);
    const put = JSON.parse(
      (await runCli(['put', stream, '--data', 'héllo, kinesis', '--partition-key', 'k', '--json', '--endpoint', server.endpoint, '--yes']))
        .stdout,
    );
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      ...AWS_CLI_REGION_ENV,
    };
    // Asynchronously: the local server runs in this process, and a blocking call would starve it.
    const aws = async (...args: string[]) =>
      JSON.parse(
        (await promisify(execFile)(AWS_CLI, ['kinesis', ...args, '--endpoint-url', server.endpoint, '--output', 'json'], { env })).stdout,
      );
    const { ShardIterator } = await aws(
      'get-shard-iterator',
      '--stream-name',
      stream,
      '--shard-id',
      put.shardId,
      '--shard-iterator-type',
      'AT_SEQUENCE_NUMBER',
      '--starting-sequence-number',
      put.sequenceNumber,
    );
    const { Records } = await aws('get-records', '--shard-iterator', ShardIterator);
    expect(Records[0].PartitionKey).toBe('k');
    expect(Buffer.from(Records[0].Data, 'base64').toString('utf8')).toBe('héllo, kinesis');
    client.destroy();
  });
});

import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

describe('shardscope tail', () => {
  let server: RunningKinesisServer;
  let written: Awaited<ReturnType<typeof put>>;
  const flags = () => ['--endpoint', server.endpoint];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, 'events', 2);
    written = await put(
      client,
      'events',
      Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, data: JSON.stringify({ n: i }) })),
    );
    await createStream(client, 'encoded', 1);
    await client.send(new PutRecordCommand({ StreamName: 'encoded', PartitionKey: 'g', Data: gzipSync(JSON.stringify({ zipped: true })) }));
    const [aggregate] = await aggregateUserRecords([
      { partitionKey: 'u1', data: Buffer.from('{"user":1}') },
      { partitionKey: 'u2', data: Buffer.from('second user record') },
    ]);
    await client.send(new PutRecordCommand({ StreamName: 'encoded', PartitionKey: aggregate!.partitionKey, Data: aggregate!.data }));
    await client.send(new PutRecordCommand({ StreamName: 'encoded', PartitionKey: 'b', Data: Buffer.from([0, 1, 2, 255]) }));
    client.destroy();
  });
  afterAll(() => server?.stop());

  it('reads from TRIM_HORIZON until caught up: every record once, each shard in sequence order', async () => {
    const result = await runCli(['tail', 'events', '--from', 'TRIM_HORIZON', '--until', 'caught-up', '--json', ...flags()]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(10);
    for (const shardId of new Set(written.map((w) => w.shardId))) {
      expect(lines.filter((l) => l.shardId === shardId).map((l) => l.data)).toEqual(
        written.filter((w) => w.shardId === shardId).map((w) => JSON.parse(w.data)),
      );
    }
    expect(lines[0]).toEqual({
      shardId: expect.stringMatching(/^shardId-/),
      sequenceNumber: expect.stringMatching(/^\d+$/),
      partitionKey: expect.stringMatching(/^k\d$/),
      arrivalTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      size: 7,
      compression: null,
      encoding: 'json',
      data: { n: expect.any(Number) },
    });
  });

  it('decodes gzip, KPL user records and binary', async () => {
    const result = await runCli(['tail', 'encoded', '--from', 'TRIM_HORIZON', '--until', 'caught-up', '--json', ...flags()]);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.partitionKey, l.subSequenceNumber, l.compression, l.encoding, l.data])).toEqual([
      ['g', undefined, 'gzip', 'json', { zipped: true }],
      ['u1', 0, null, 'json', { user: 1 }],
      ['u2', 1, null, 'text', 'second user record'],
      ['b', undefined, null, 'binary', 'AAEC/w=='],
    ]);
    expect(lines[1].sequenceNumber).toBe(lines[2].sequenceNumber);
  });

  it('starts after a sequence number in one shard, and stops at --limit', async () => {
    const shard = written[0]!.shardId;
    const inShard = written.filter((w) => w.shardId === shard);
    const after = await runCli([
      'tail',
      'events',
      '--shard',
      shard,
      '--from',
      `AFTER_SEQUENCE_NUMBER:${inShard[0]!.sequenceNumber}`,
      '--until',
      'caught-up',
      '--json',
      ...flags(),
    ]);
    expect(
      after.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).data),
    ).toEqual(inShard.slice(1).map((w) => JSON.parse(w.data)));
    const limited = await runCli(['tail', 'events', '--from', 'TRIM_HORIZON', '--limit', '3', '--json', ...flags()]);
    expect(limited.code).toBe(0);
    expect(limited.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('refuses positions it cannot use, with exit code 2', async () => {
    const noShard = await runCli(['tail', 'events', '--from', 'AT_SEQUENCE_NUMBER:123', ...flags()]);
    expect(noShard.code).toBe(2);
    expect(noShard.stderr).toContain('needs the shard');
    expect((await runCli(['tail', 'events', '--until', 'forever', ...flags()])).code).toBe(2);
  });

  it('shows the escape sequences of a hostile record in text mode instead of sending them to the terminal', async () => {
    const client = arrangeClient(server);
    await createStream(client, 'hostile', 1);
    await client.send(
      new PutRecordCommand({
        StreamName: 'hostile',
        PartitionKey: 'k\u001b[2J',
        Data: Buffer.from('Status: \u001b[31mFAILED\u001b[0m while processing the nightly batch of orders for eu-west-1\u0007'),
      }),
    );
    client.destroy();
    const result = await runCli(['tail', 'hostile', '--from', 'TRIM_HORIZON', '--until', 'caught-up', ...flags()]);
    expect(result.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(result.stdout).toContain(
      'k\\x1b[2J  Status: \\x1b[31mFAILED\\x1b[0m while processing the nightly batch of orders for eu-west-1\\x07',
    );
  });

  it('fails with the reason when the stream does not exist', async () => {
    const result = await runCli(['tail', 'nope', '--from', 'TRIM_HORIZON', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: There is no stream nope in us-east-1\.$/m);
  });
});

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

/** The same words for a time, a shard and an end in every command, through the real CLI. */
describe('positions, ends and shards on the command line', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let early: Awaited<ReturnType<typeof put>>;
  let late: Awaited<ReturnType<typeof put>>;
  let between = '';
  const flags = () => ['--endpoint', server.endpoint];
  const keysOf = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { partitionKey: string }).partitionKey)
      .sort();
  const keys = (records: { key: string }[]) => records.map((r) => r.key).sort();

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, 'words', 2);
    early = await put(
      client,
      'words',
      Array.from({ length: 12 }, (_, i) => ({ key: `early-${i}`, data: JSON.stringify({ n: i }) })),
    );
    // A moment clearly after the first batch and before the second.
    const moment = Date.now() + 1_000;
    between = new Date(moment).toISOString();
    await vi.waitFor(
      () => {
        if (Date.now() <= moment + 1_000) throw new Error('the moment has not passed yet');
      },
      { timeout: 5_000, interval: 100 },
    );
    late = await put(
      client,
      'words',
      Array.from({ length: 12 }, (_, i) => ({ key: `late-${i}`, data: JSON.stringify({ n: 100 + i }) })),
    );
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('tail: oldest, a bare time, --until a time, and shards as a comma list, repeated or by number', async () => {
    const both = await runCli(['tail', 'words', '--from', 'oldest', '--until', between, '--shard', '0,1', '--json', ...flags()]);
    expect(both.code, both.stderr).toBe(0);
    expect(keysOf(both.stdout)).toEqual(keys(early));

    const fromBetween = await runCli([
      'tail',
      'words',
      '--from',
      between,
      '--until',
      'caught-up',
      '--shard',
      '1',
      '--shard',
      '0',
      '--json',
      ...flags(),
    ]);
    expect(fromBetween.code, fromBetween.stderr).toBe(0);
    expect(keysOf(fromBetween.stdout)).toEqual(keys(late));

    // A shard named before the stream: the stream is not taken for a second shard.
    const one = await runCli(['tail', '--shard', '1', 'words', '--from', '1 hour ago', '--until', 'caught-up', '--json', ...flags()]);
    expect(one.code, one.stderr).toBe(0);
    expect(keysOf(one.stdout)).toEqual(keys([...early, ...late].filter((r) => r.shardId === 'shardId-000000000001')));
  }, 180_000);

  it('search: a relative --from, --until a time, and a short shard id', async () => {
    const result = await runCli([
      'search',
      'words',
      '--where',
      'data.n >= 0',
      '--from',
      '15 minutes ago',
      '--until',
      `AT_TIMESTAMP:${between}`,
      '--shard',
      '0',
      '--json',
      ...flags(),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(keysOf(result.stdout)).toEqual(keys(early.filter((r) => r.shardId === 'shardId-000000000000')));
  });

  it('says which forms it takes, with an example of each, when it cannot read one (exit 2)', async () => {
    const from = await runCli(['tail', 'words', '--from', 'yesterday', ...flags()]);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('--from: "yesterday" is not a position. It takes one of:');
    for (const example of ['oldest', 'newest', '2026-03-01T12:00:00Z', '-15m', 'AT_SEQUENCE_NUMBER:', 'AFTER_SEQUENCE_NUMBER:'])
      expect(from.stderr).toContain(example);
    const until = await runCli(['search', 'words', '--where', 'true', '--until', 'forever', ...flags()]);
    expect(until.code).toBe(2);
    expect(until.stderr).toMatch(/"forever" is not an end\. --until takes one of:\n\s+caught-up /);
    const sequence = await runCli([
      'tail',
      'words',
      '--from',
      `AT_SEQUENCE_NUMBER:${early[0]!.sequenceNumber}`,
      '--shard',
      '0,1',
      ...flags(),
    ]);
    expect(sequence.code).toBe(2);
    expect(sequence.stderr).toContain('Name it with --shard.');
  }, 180_000);
});

import { MergeShardsCommand, PutRecordCommand, SplitShardCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { referenceAggregate } from '../support/kpl-reference';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

describe('shardscope describe, shard-for and streams --filter', () => {
  let server: RunningKinesisServer;
  const flags = () => ['--endpoint', server.endpoint];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await Promise.all([createStream(client, 'payments-eu', 2), createStream(client, 'payments-us', 1), createStream(client, 'audit', 1)]);
    await client.send(
      new SplitShardCommand({
        StreamName: 'payments-us',
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: (1n << 127n).toString(),
      }),
    );
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'payments-us' });
    await client.send(
      new MergeShardsCommand({
        StreamName: 'payments-us',
        ShardToMerge: 'shardId-000000000001',
        AdjacentShardToMerge: 'shardId-000000000002',
      }),
    );
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'payments-us' });
    client.destroy();
  });
  afterAll(() => server?.stop());

  it('describe --json gives the summary and every shard with its lineage and ranges', async () => {
    const result = await runCli(['describe', 'payments-us', '--json', ...flags()]);
    expect(result.code).toBe(0);
    const described = JSON.parse(result.stdout);
    expect(described).toMatchObject({ name: 'payments-us', status: 'ACTIVE', openShards: 1, retentionHours: 24 });
    expect(described.shards).toHaveLength(4);
    expect(described.shards[3]).toEqual({
      shardId: 'shardId-000000000003',
      parentShardId: 'shardId-000000000001',
      adjacentParentShardId: 'shardId-000000000002',
      hashKeyRange: { start: '0', end: ((1n << 128n) - 1n).toString() },
      sequenceNumberRange: { start: expect.stringMatching(/^\d+$/), end: null },
      open: true,
    });
    expect(described.shards.slice(0, 3).every((s: { open: boolean }) => !s.open)).toBe(true);
  });

  it('describe prints the lineage as an indented tree', async () => {
    const result = await runCli(['describe', 'payments-us', ...flags()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('shards:     1 open, 3 closed');
    expect(result.stdout).toMatch(/^shardId-000000000000 {2}closed {2}100% of keys$/m);
    expect(result.stdout).toMatch(/^ {4}shardId-000000000003 {2}open {4}100% of keys {2}\(merged with shardId-000000000002\)$/m);
    expect(result.stdout).toMatch(/^ {4}-> merged into shardId-000000000003$/m);
  });

  it('describe of a missing stream exits 1 and says so', async () => {
    const result = await runCli(['describe', 'nope', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: There is no stream nope in us-east-1\.$/m);
  });

  it('shard-for prints the shard PutRecord uses', async () => {
    const client = arrangeClient(server);
    try {
      for (const key of ['customer-17', 'customer-18']) {
        const put = await client.send(new PutRecordCommand({ StreamName: 'payments-eu', PartitionKey: key, Data: Buffer.from('x') }));
        expect(await runCli(['shard-for', 'payments-eu', '--partition-key', key, ...flags()])).toMatchObject({
          code: 0,
          stdout: `${put.ShardId}\n`,
        });
      }
    } finally {
      client.destroy();
    }
    expect(await runCli(['shard-for', 'payments-eu', '--explicit-hash-key', '0', ...flags()])).toMatchObject({
      code: 0,
      stdout: 'shardId-000000000000\n',
    });
    expect((await runCli(['shard-for', 'payments-eu', ...flags()])).code).toBe(2);
    expect((await runCli(['shard-for', 'payments-eu', '--explicit-hash-key', 'abc', ...flags()])).code).toBe(2);
  });

  it('shard-for routes by an explicit hash key given with a partition key, and places an aggregate’s user records', async () => {
    const top = ((1n << 128n) - 1n).toString();
    const client = arrangeClient(server);
    const aggregate = referenceAggregate({
      partition_key_table: ['customer-17', 'customer-18'],
      explicit_hash_key_table: [top],
      records: [
        { partition_key_index: 0, data: Buffer.from('a') },
        { partition_key_index: 1, explicit_hash_key_index: 0, data: Buffer.from('b') },
      ],
    });
    try {
      const routed = await client.send(
        new PutRecordCommand({ StreamName: 'payments-eu', PartitionKey: 'customer-17', ExplicitHashKey: '0', Data: Buffer.from('x') }),
      );
      const both = await runCli([
        'shard-for',
        'payments-eu',
        '--partition-key',
        'customer-17',
        '--explicit-hash-key',
        '0',
        '--json',
        ...flags(),
      ]);
      expect(both.code, both.stderr).toBe(0);
      expect(JSON.parse(both.stdout)).toMatchObject({ shardId: routed.ShardId, routedBy: 'explicit-hash-key', hashKey: '0' });

      const alone = await client.send(
        new PutRecordCommand({ StreamName: 'payments-eu', PartitionKey: 'customer-17', Data: Buffer.from('x') }),
      );
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'shardscope-kpl-')), 'aggregate.bin');
      writeFileSync(file, aggregate);
      const placed = await runCli(['shard-for', 'payments-eu', '--explicit-hash-key', '0', '--aggregate-file', file, ...flags()]);
      expect(placed.code, placed.stderr).toBe(0);
      const elsewhere = alone.ShardId === 'shardId-000000000000' ? 1 : 2;
      expect(placed.stdout.split('\n')).toEqual([
        'shardId-000000000000',
        `2 user records, ${elsewhere} of them would go to another shard put on their own:`,
        expect.stringMatching(
          new RegExp(`^ {2}#0 {2}customer-17 +${alone.ShardId}${alone.ShardId === 'shardId-000000000000' ? '' : ' {2}elsewhere'}$`),
        ),
        `  #1  customer-18 (explicit hash key ${top})  shardId-000000000001  elsewhere`,
        '',
      ]);
      const notKpl = await runCli(['shard-for', 'payments-eu', '--partition-key', 'k', '--aggregate', 'cGxhaW4=', ...flags()]);
      expect(notKpl.code).toBe(2);
      expect(notKpl.stderr).toContain('These bytes are not a KPL aggregate');
    } finally {
      client.destroy();
    }
  });

  it('streams --filter matches any case', async () => {
    expect(await runCli(['streams', '--filter', 'PAYMENTS', ...flags()])).toMatchObject({ code: 0, stdout: 'payments-eu\npayments-us\n' });
    const json = await runCli(['streams', '--filter', 'eu', '--json', ...flags()]);
    expect(JSON.parse(json.stdout)).toEqual([
      { name: 'payments-eu', status: 'ACTIVE', mode: 'PROVISIONED', openShards: 2, retentionHours: 24 },
    ]);
  });

  it('takes the connection from SHARDSCOPE_PROFILE when a command names none, and a flag still wins', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'shardscope-env-profile-'));
    const env = { SHARDSCOPE_HOME: home };
    const added = await runCli(['profiles', 'add', 'local', '--region', 'us-east-1', '--default-chain', ...flags()], { env });
    expect(added.code, added.stderr).toBe(0);
    const chosen = { ...env, SHARDSCOPE_PROFILE: 'local', AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test-secret' };
    expect(await runCli(['streams', '--filter', 'audit'], { env: chosen })).toMatchObject({ code: 0, stdout: 'audit\n' });
    // Named on the command line, another connection is used: a saved profile of another name is not there.
    const other = await runCli(['streams', '--profile', 'nowhere'], { env: chosen });
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('"nowhere"');
  });
});

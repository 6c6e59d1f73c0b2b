import {
  DescribeStreamSummaryCommand,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListTagsForStreamCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { createOwner } from '../../main/core/sessions/session-owner';
import { coverageProblems } from '../../main/domain/admin/shard-plan';
import { hashKeyOf } from '../../main/domain/engine/kinesis/shard-for';
import { recordText, type PreviewBatch } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { runCli } from '../support/cli';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

/** The open shards as the bare SDK lists them, and what is wrong with how they cover the key space. */
async function openShards(client: KinesisClient, stream: string) {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const open = Shards.filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber);
  const ranges = open.map((s) => ({ start: BigInt(s.HashKeyRange!.StartingHashKey!), end: BigInt(s.HashKeyRange!.EndingHashKey!) }));
  return { count: open.length, ids: open.map((s) => s.ShardId!), problems: coverageProblems(ranges), ranges };
}

describe.each(kinesisServerKinds)('stream administration from the CLI, read back with the bare SDK, on %s', (kind) => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const cli = (...args: string[]) => runCli([...args, '--endpoint', server.endpoint, '--region', server.region, '--yes', '--json']);

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('names the account a create lands in: in the plan, and in the confirmation it refuses to skip without a terminal', async () => {
    const existing = uniqueName('there');
    await createStream(client, existing, 1);
    const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: existing }));
    const account = StreamDescriptionSummary!.StreamARN!.split(':')[4]!;
    const stream = uniqueName('named');
    const where = ['--endpoint', server.endpoint, '--region', server.region];
    const dry = await runCli(['create', stream, '--shards', '1', '--dry-run', '--json', ...where]);
    expect(JSON.parse(dry.stdout).target).toEqual({
      kind: 'endpoint',
      connection: expect.any(String),
      region: server.region,
      endpoint: server.endpoint,
      account,
    });
    const unasked = await runCli(['create', stream, '--shards', '1', ...where]);
    expect(unasked.code).not.toBe(0);
    expect(unasked.stderr).toContain(`Refusing to create stream ${stream} in account ${account} on connection`);
    await expect(client.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('creates a provisioned stream, reshards it 3 → 5 → 3 covering the whole key space each time, and deletes it', async () => {
    const stream = uniqueName('admin');
    const created = await cli('create', stream, '--shards', '3');
    expect(created.code, created.stderr).toBe(0);
    expect(await openShards(client, stream)).toMatchObject({ count: 3, problems: [] });

    const dry = await runCli(['reshard', stream, '--shards', '5', '--dry-run', '--json', '--endpoint', server.endpoint]);
    const plan = JSON.parse(dry.stdout);
    expect(plan).toMatchObject({ shardHoursPerDay: { before: 72, after: 120 }, blockers: [] });
    expect(plan.shardsAfter).toHaveLength(5);
    expect((await openShards(client, stream)).count).toBe(3);

    const up = await cli('reshard', stream, '--shards', '5');
    expect(up.code, up.stderr).toBe(0);
    if (kind === 'kinesalite') expect(up.stderr).toContain('This endpoint has no UpdateShardCount');
    const five = await openShards(client, stream);
    expect(five).toMatchObject({ count: 5, problems: [] });
    // Where Shardscope makes the map itself (kinesalite: splits and merges), it is the map planned;
    // UpdateShardCount's own map is the server's business (kinesis-local's is not quite uniform).
    if (kind === 'kinesalite') {
      const planned = plan.shardsAfter.map((r: { start: string }) => BigInt(r.start)).sort((a: bigint, b: bigint) => (a < b ? -1 : 1));
      const made = five.ranges.map((r) => r.start).sort((a, b) => (a < b ? -1 : 1));
      expect(made).toEqual(planned);
    }

    const down = await cli('reshard', stream, '--shards', '3');
    expect(down.code, down.stderr).toBe(0);
    expect(await openShards(client, stream)).toMatchObject({ count: 3, problems: [] });

    const tooFar = await cli('reshard', stream, '--shards', '9');
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toContain('at most to double or half');

    const deleted = await cli('delete', stream);
    expect(deleted.code, deleted.stderr).toBe(0);
    await expect(client.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('splits at a partition key’s hash and merges back; retention and tags change as asked', async () => {
    const stream = uniqueName('shape');
    await createStream(client, stream, 2);
    // A key whose hash falls in the first shard (below 2^127).
    const key = Array.from({ length: 100 }, (_, i) => `customer-${i}`).find((k) => hashKeyOf(k) > 0n && hashKeyOf(k) < 2n ** 127n)!;
    const split = await cli('split', stream, 'shardId-000000000000', '--at-key', key);
    expect(split.code, split.stderr).toBe(0);
    const after = await openShards(client, stream);
    expect(after).toMatchObject({ count: 3, problems: [] });
    const [low, high] = after.ids.filter((id) => id !== 'shardId-000000000001');
    const merged = await cli('merge', stream, low!, high!);
    expect(merged.code, merged.stderr).toBe(0);
    expect(await openShards(client, stream)).toMatchObject({ count: 2, problems: [] });
    const notAdjacent = await cli('merge', stream, 'shardId-000000000001', 'shardId-000000000001');
    expect(notAdjacent.code).toBe(2);

    expect((await cli('retention', stream, '48')).code).toBe(0);
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
    expect(summary.StreamDescriptionSummary?.RetentionPeriodHours).toBe(48);

    expect((await cli('tag', stream, 'team=data', 'cost=42')).code).toBe(0);
    expect((await cli('tag', stream, '--remove', 'cost')).code).toBe(0);
    const { Tags } = await client.send(new ListTagsForStreamCommand({ StreamName: stream }));
    expect(Tags).toEqual([{ Key: 'team', Value: 'data' }]);
  });

  it(`enhanced fan-out consumers, capacity mode, encryption and monitoring: ${kind === 'kinesalite' ? 'refused with AWS’s own reason (kinesalite has none of them)' : 'applied (kinesis-local)'}`, async () => {
    const stream = uniqueName('extras');
    await createStream(client, stream, 1);
    const register = await cli('consumer', 'register', stream, 'reader-a');
    const mode = await cli('mode', stream, 'on-demand');
    if (kind === 'kinesalite') {
      expect(register.code).toBe(1);
      expect(register.stderr).toContain('UnknownOperationException');
      expect(mode.code).toBe(1);
      return;
    }
    expect(register.code, register.stderr).toBe(0);
    const arn = (await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary!.StreamARN!;
    const { Consumers = [] } = await client.send(new ListStreamConsumersCommand({ StreamARN: arn }));
    expect(Consumers.map((c) => c.ConsumerName)).toEqual(['reader-a']);
    expect(mode.code, mode.stderr).toBe(0);
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
    expect(summary.StreamDescriptionSummary?.StreamModeDetails?.StreamMode).toBe('ON_DEMAND');
    const encrypted = await cli('encryption', stream, 'on', '--key', 'alias/aws/kinesis');
    expect(encrypted.code, encrypted.stderr).toBe(0);
    const monitored = await cli('monitoring', stream, 'IncomingBytes', 'OutgoingRecords');
    expect(monitored.code, monitored.stderr).toBe(0);
    const after = (await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary!;
    expect(after.EncryptionType).toBe('KMS');
    expect(after.EnhancedMonitoring?.flatMap((m) => m.ShardLevelMetrics ?? []).sort()).toEqual(['IncomingBytes', 'OutgoingRecords']);
    // A stream with a consumer is not deleted unless forced.
    const refused = await cli('delete', stream);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('enhanced fan-out consumer');
  });
});

describe('a live preview running during a split, on kinesalite', () => {
  let server: RunningKinesisServer;
  let app: ShardscopeApp;
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });
  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
  });

  it('follows the new shards with no record lost', async () => {
    const client = arrangeClient(server);
    const stream = uniqueName('live-split');
    await createStream(client, stream, 1);
    const received: string[] = [];
    const owner = createOwner('split-test', (topic, payload) => {
      if (topic === 'preview:records') received.push(...(payload as PreviewBatch).records.map((r) => recordText(r)));
    });
    const started = await app.dispatch('preview:start', { stream, position: { type: 'TRIM_HORIZON' } }, owner);
    if (!started.ok) throw new Error(started.error.message);
    const batch = (from: number) => Array.from({ length: 50 }, (_, i) => ({ key: `k${from + i}`, data: `record ${from + i}` }));
    await put(client, stream, batch(0));
    const change = { type: 'split', stream, shardId: 'shardId-000000000000', at: { type: 'middle' } } as const;
    const plan = await app.dispatch('admin:plan', { change }, owner);
    if (!plan.ok) throw new Error(plan.error.message);
    const split = await app.dispatch('admin:apply', { change, token: (plan.value as { token: string }).token }, owner);
    expect(split.ok).toBe(true);
    await put(client, stream, batch(50));
    const deadline = Date.now() + 20_000;
    while (received.length < 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...received].sort()).toEqual([...batch(0), ...batch(50)].map((b) => b.data).sort());
    client.destroy();
  });
});

import { ListShardsCommand, PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import type { Application, ConsumersReport } from '../../shared/contract';
import { runCli } from '../support/cli';
import { kcl1Item, kcl2Item, kcl2MultiStreamItem, kcl3Item, leaseTable, startDynalite, type LocalDynamo } from '../support/lease-tables';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

interface Landed {
  sequenceNumber: string;
}

/** Puts records on one shard, by an explicit hash key inside it. */
async function putOn(client: KinesisClient, stream: string, hashKey: string, data: Buffer[]): Promise<Landed[]> {
  const landed: Landed[] = [];
  for (const d of data) {
    const { SequenceNumber } = await client.send(
      new PutRecordCommand({ StreamName: stream, PartitionKey: 'k', ExplicitHashKey: hashKey, Data: d }),
    );
    landed.push({ sequenceNumber: SequenceNumber! });
  }
  return landed;
}

async function shardStarts(client: KinesisClient, stream: string): Promise<string[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  return Shards.map((s) => s.HashKeyRange!.StartingHashKey!);
}

describe('consumers and their lag per shard, on kinesalite with lease tables in dynalite', () => {
  let kinesis: RunningKinesisServer;
  let dynamo: LocalDynamo;
  let client: KinesisClient;
  const cli = (...args: string[]) =>
    runCli([...args, '--endpoint', kinesis.endpoint, '--region', kinesis.region, '--dynamodb-endpoint', dynamo.endpoint]);

  beforeAll(async () => {
    [kinesis, dynamo] = await Promise.all([startKinesisServer('kinesalite'), startDynalite()]);
    client = arrangeClient(kinesis);
  });
  afterAll(async () => {
    client?.destroy();
    await Promise.all([kinesis?.stop(), dynamo?.stop()]);
  });

  it('measures each shard from its checkpoint: time behind, records behind, the checkpointed record’s arrival, and names the worst shard', async () => {
    const stream = uniqueName('lag');
    await createStream(client, stream, 5);
    const starts = await shardStarts(client, stream);
    const bytes = (i: number) => Buffer.from(JSON.stringify({ i }));
    // Shard 0: five records, checkpointed at the second. Shard 1: three, checkpoint TRIM_HORIZON.
    // Shard 2: two, checkpointed at the last. Shard 3: one KPL aggregate of three user records,
    // checkpointed at its first user record. Shard 4: records and no lease.
    const s0 = await putOn(client, stream, starts[0]!, [0, 1, 2, 3, 4].map(bytes));
    const s1 = await putOn(client, stream, starts[1]!, [0, 1, 2].map(bytes));
    const s2 = await putOn(client, stream, starts[2]!, [0, 1].map(bytes));
    const [aggregate] = await aggregateUserRecords([0, 1, 2].map((i) => ({ partitionKey: `u${i}`, data: bytes(i) })));
    const s3 = await putOn(client, stream, starts[3]!, [aggregate!.data]);
    await putOn(client, stream, starts[4]!, [bytes(9)]);

    const table = uniqueName('app');
    await leaseTable(dynamo.client, table, [
      kcl2Item({ shardId: 'shardId-000000000000', owner: 'worker-a', checkpoint: s0[1]!.sequenceNumber }),
      kcl2Item({ shardId: 'shardId-000000000001', owner: 'worker-a', checkpoint: 'TRIM_HORIZON' }),
      kcl2Item({ shardId: 'shardId-000000000002', owner: 'worker-b', checkpoint: s2[1]!.sequenceNumber }),
      kcl2Item({ shardId: 'shardId-000000000003', owner: null, checkpoint: s3[0]!.sequenceNumber, subSequence: 0 }),
    ]);

    const before = Date.now();
    const result = await cli('consumers', stream, '--lease-table', table, '--json');
    const after = Date.now();
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { applications: Application[] } & Pick<ConsumersReport, 'stream'>;
    const [app] = report.applications;
    expect(app).toMatchObject({ table, format: 'kcl-2', match: 'named', workers: ['worker-a', 'worker-b'], error: null });
    const shard = (id: number) => app!.shards.find((s) => s.shardId === `shardId-00000000000${id}`)!;

    // The bare SDK's own arrival times bound the lag: the oldest record after the checkpoint, measured between before and after.
    const arrivals = await arrivalsOf(client, stream);
    const lagWithin = (lag: number | null, arrivedAt: number) => {
      expect(lag).not.toBeNull();
      expect(lag!).toBeGreaterThanOrEqual(before - arrivedAt - 5);
      expect(lag!).toBeLessThanOrEqual(after - arrivedAt + 5);
    };
    lagWithin(shard(0).lagMillis, arrivals.get(s0[2]!.sequenceNumber)!);
    expect(shard(0)).toMatchObject({ owner: 'worker-a', recordsBehind: { count: 3, exact: true }, condition: 'keeping-up' });
    expect(shard(0).checkpointArrivedAt).toBe(new Date(arrivals.get(s0[1]!.sequenceNumber)!).toISOString());
    expect(shard(0).checkpoint).toEqual({ type: 'sequence', sequenceNumber: s0[1]!.sequenceNumber, subSequenceNumber: 0 });

    expect(shard(1)).toMatchObject({ checkpoint: { type: 'TRIM_HORIZON' }, recordsBehind: { count: 3, exact: true } });
    lagWithin(shard(1).lagMillis, arrivals.get(s1[0]!.sequenceNumber)!);

    expect(shard(2)).toMatchObject({ lagMillis: 0, recordsBehind: { count: 0, exact: true }, condition: 'keeping-up' });

    // Inside an aggregate: the rest of it (two user records) is what waits.
    expect(shard(3)).toMatchObject({ owner: null, condition: 'no-owner', recordsBehind: { count: 2, exact: true } });
    lagWithin(shard(3).lagMillis, arrivals.get(s3[0]!.sequenceNumber)!);

    expect(shard(4)).toMatchObject({ owner: null, checkpoint: null, condition: 'not-leased' });
    expect(app!.worst).toMatchObject({ shardId: 'shardId-000000000004', condition: 'not-leased' });
    expect(app!.worst!.text).toContain('has no lease');

    // The terminal's view says the same.
    const text = await cli('consumers', stream, '--lease-table', table);
    expect(text.stdout).toContain(`KCL application ${table}  (KCL 2.x; named)`);
    expect(text.stdout).toMatch(/shardId-000000000004 has no lease: no worker reads it/);
  });

  it('reads KCL 1.x, 2.x (single- and multi-stream) and 3.x tables (skipping 3.x’s other entities), and finds them by shape when none is named', async () => {
    const stream = uniqueName('formats');
    await createStream(client, stream, 2);
    const ids = ['shardId-000000000000', 'shardId-000000000001'];
    const [v1, v2, multi, v3, other, notLease] = ['v1', 'v2', 'multi', 'v3', 'other', 'orders'].map((p) => uniqueName(`fmt-${p}`));
    await leaseTable(
      dynamo.client,
      v1!,
      ids.map((shardId) => kcl1Item({ shardId, owner: 'w1', checkpoint: 'LATEST' })),
    );
    await leaseTable(
      dynamo.client,
      v2!,
      ids.map((shardId) => kcl2Item({ shardId, owner: 'w2', checkpoint: 'TRIM_HORIZON' })),
    );
    await leaseTable(dynamo.client, multi!, [
      ...ids.map((shardId) => kcl2MultiStreamItem({ shardId, owner: 'w3', checkpoint: 'TRIM_HORIZON' }, stream)),
      kcl2MultiStreamItem({ shardId: 'shardId-000000000000', owner: 'w3', checkpoint: 'TRIM_HORIZON' }, 'some-other-stream'),
    ]);
    await leaseTable(dynamo.client, v3!, [
      ...ids.map((shardId) => kcl3Item({ shardId, owner: 'w4', checkpoint: 'SHARD_END', checkpointOwner: 'w4' })),
      // The single-table format's other entities: never taken for leases.
      // 3.5's single-table format keys them by leaseKey too: the leader lock, a worker's metrics, the migration state.
      { leaseKey: { S: 'Leader' }, entityType: { S: 'LEADER' }, leaseOwner: { S: 'w4' }, leaseCounter: { N: '9' }, checkpoint: { S: 'x' } },
      {
        leaseKey: { S: 'w4' },
        entityType: { S: 'WORKER_METRIC_STATS' },
        lut: { N: '1730764800' },
        leaseCounter: { N: '1' },
        checkpoint: { S: 'x' },
      },
      { leaseKey: { S: 'Migration3.0' }, entityType: { S: 'CLIENT_VERSION_MIGRATION' }, cv: { S: 'CLIENT_VERSION_3X' } },
    ]);
    await leaseTable(dynamo.client, other!, [kcl2MultiStreamItem({ shardId: ids[0]!, checkpoint: 'LATEST' }, 'some-other-stream')]);
    await leaseTable(dynamo.client, notLease!, [{ id: { S: 'order-1' } }], 'id');

    const named = JSON.parse((await cli('consumers', stream, '--lease-table', v1!, '--lease-table', v3!, '--json')).stdout);
    expect(named.applications.map((a: Application) => [a.table, a.format, a.shards.map((s) => s.checkpoint?.type)])).toEqual([
      [v1, 'kcl-1', ['LATEST', 'LATEST']],
      [v3, 'kcl-3', ['SHARD_END', 'SHARD_END']],
    ]);
    expect(named.applications[1].shards.map((s: { condition: string }) => s.condition)).toEqual(['finished', 'finished']);

    const found = JSON.parse((await cli('consumers', stream, '--json')).stdout);
    const byTable = new Map<string, Application>(found.applications.map((a: Application) => [a.table, a]));
    expect(byTable.get(multi!)).toMatchObject({ format: 'kcl-2', match: 'stream-in-lease' });
    expect(byTable.get(multi!)!.shards).toHaveLength(2);
    expect(byTable.get(v2!)).toMatchObject({ format: 'kcl-2', match: 'shard-ids' });
    expect(byTable.get(v3!)).toMatchObject({ format: 'kcl-3', match: 'shard-ids' });
    expect(byTable.has(other!)).toBe(false);
    expect(byTable.has(notLease!)).toBe(false);

    const missing = await cli('consumers', stream, '--lease-table', 'no-such-app', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).applications[0].error).toContain('There is no table named no-such-app');
  });

  it('reads the lease tables where a saved connection says they are', async () => {
    const stream = uniqueName('saved');
    await createStream(client, stream, 1);
    const table = uniqueName('saved-app');
    await leaseTable(dynamo.client, table, [kcl2Item({ shardId: 'shardId-000000000000', owner: 'w', checkpoint: 'LATEST' })]);
    const env = { SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'shardscope-consumers-')) };
    const added = await runCli(
      [
        'profiles',
        'add',
        'local',
        '--region',
        'us-east-1',
        '--endpoint',
        kinesis.endpoint,
        '--dynamodb-endpoint',
        dynamo.endpoint,
        '--default-chain',
      ],
      { env },
    );
    expect(added.code, added.stderr).toBe(0);
    const result = await runCli(['consumers', stream, '--profile', 'local', '--lease-table', table, '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.leaseTablesAt).toBe(dynamo.endpoint);
    expect(report.applications[0].shards[0].checkpoint).toEqual({ type: 'LATEST' });
    // Without one, a local Kinesis has no lease tables, and says how to name them.
    const none = JSON.parse((await runCli(['consumers', stream, '--endpoint', kinesis.endpoint, '--json'])).stdout);
    expect(none.unavailable.applications).toBe(
      'This connection names no DynamoDB endpoint for KCL lease tables. Pass --dynamodb-endpoint with the URL of the DynamoDB beside it.',
    );
  });

  it('shows children waiting for a parent that is not at SHARD_END', async () => {
    const stream = uniqueName('lineage');
    await createStream(client, stream, 1);
    const split = await runCli(['split', stream, 'shardId-000000000000', '--yes', '--endpoint', kinesis.endpoint]);
    expect(split.code, split.stderr).toBe(0);
    const table = uniqueName('lineage-app');
    await leaseTable(dynamo.client, table, [
      kcl2Item({
        shardId: 'shardId-000000000000',
        owner: 'w',
        checkpoint: 'TRIM_HORIZON',
        children: ['shardId-000000000001', 'shardId-000000000002'],
      }),
      kcl2Item({ shardId: 'shardId-000000000001', owner: 'w', checkpoint: 'TRIM_HORIZON', parents: ['shardId-000000000000'] }),
      // The KCL makes the second child's lease only when its parent is read to its end: it has none yet.
    ]);
    const report = JSON.parse((await cli('consumers', stream, '--lease-table', table, '--json')).stdout);
    const shards = report.applications[0].shards as Application['shards'];
    expect(shards.map((s) => [s.shardId, s.open, s.condition])).toEqual([
      ['shardId-000000000000', false, 'keeping-up'],
      ['shardId-000000000001', true, 'waiting-for-parent'],
      ['shardId-000000000002', true, 'waiting-for-parent'],
    ]);
    expect(shards[1]!.note).toBe('The parent shardId-000000000000 is not at SHARD_END yet.');
    expect(shards[2]!.owner).toBeNull();
    expect(report.applications[0].worst.condition).toBe('waiting-for-parent');
  });
});

/** Every record's arrival time, by sequence number, as the bare SDK reads it. */
async function arrivalsOf(client: KinesisClient, stream: string): Promise<Map<string, number>> {
  const { GetShardIteratorCommand, GetRecordsCommand } = await import('@aws-sdk/client-kinesis');
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const out = new Map<string, number>();
  for (const shard of Shards) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records = [] } = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
    for (const r of Records) out.set(r.SequenceNumber!, r.ApproximateArrivalTimestamp!.getTime());
  }
  return out;
}

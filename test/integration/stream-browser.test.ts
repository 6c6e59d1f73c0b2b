import {
  AddTagsToStreamCommand,
  DeleteStreamCommand,
  MergeShardsCommand,
  PutRecordCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  waitUntilStreamExists,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import type { Shard, ShardFor, StreamDetail, StreamNamesPage, StreamSummaries } from '../../shared/contract';
import { referenceAggregate } from '../support/kpl-reference';
import { buildLineage } from '../../shared/lineage';
import { startTestApp } from '../support/app';
import { freePort, kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';
import { nobody } from '../../main/core/sessions/session-owner';

async function value<T>(pending: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(result.error!.message);
  return result.value as T;
}

const waitActive = (client: KinesisClient, name: string) =>
  waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: name });

describe.each(kinesisServerKinds)('the stream browser on %s', (kind) => {
  let server: RunningKinesisServer;
  let arrange: KinesisClient;
  let app: ShardscopeApp;

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    arrange = arrangeClient(server);
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
  });
  afterAll(async () => {
    await app?.stop();
    arrange?.destroy();
    await server?.stop();
  });

  it('describes every stream with its status, shards and retention', async () => {
    const names = [uniqueName('alpha'), uniqueName('beta'), uniqueName('gamma')].sort();
    await Promise.all(names.map((name, index) => createStream(arrange, name, index + 1)));

    const result = await app.dispatch('streams:summaries', { names }, nobody);
    expect(result.ok).toBe(true);
    const list = (result as { value: StreamSummaries }).value;
    const ours = list.summaries;
    expect(ours.map((stream) => [stream.name, stream.status, stream.openShards, stream.retentionHours])).toEqual(
      names.map((name, index) => [name, 'ACTIVE', index + 1, 24]),
    );
    expect(ours.every((stream) => stream.mode === 'PROVISIONED')).toBe(true);
    expect(list.partialErrors).toEqual([]);
  });

  it('answers a malformed payload with a validation error', async () => {
    const result = await app.dispatch('streams:names', { limit: 'ten' }, nobody);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('reports the active connection without anything secret', async () => {
    const result = await app.dispatch('connections:active', undefined, nobody);
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'endpoint',
        profile: null,
        label: new URL(server.endpoint).host,
        region: 'us-east-1',
        endpoint: server.endpoint,
        readBudget: { callsPerSecond: 5, mibPerSecond: null },
        readOnly: false,
      },
    });
  });
  it('lists more than a thousand streams completely, then fills their summaries in batches', async () => {
    const prefix = uniqueName('bulk');
    const names = Array.from({ length: 1_050 }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
    // Kinesis allows five streams in CREATING at once; kinesis-local enforces it.
    for (let i = 0; i < names.length; i += 5) await Promise.all(names.slice(i, i + 5).map((name) => createStream(arrange, name, 1)));

    const page = await value<StreamNamesPage>(app.dispatch('streams:names', {}, nobody));
    const listed = page.streams.map((s) => s.name).filter((name) => name.startsWith(prefix));
    expect(listed).toEqual(names);
    expect(page.detailsComplete).toBe(false);

    const batch = await value<StreamSummaries>(app.dispatch('streams:summaries', { names: names.slice(0, 200) }, nobody));
    expect(batch.summaries).toHaveLength(200);
    expect(
      batch.summaries.every((s) => s.status === 'ACTIVE' && s.openShards === 1 && s.retentionHours === 24 && s.mode === 'PROVISIONED'),
    ).toBe(true);
    expect(await app.dispatch('streams:summaries', { names: names.slice(0, 201) }, nobody)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('shows a split and then a merge as lineage, closed parents closed', async () => {
    const name = uniqueName('reshard');
    await createStream(arrange, name, 1);
    await arrange.send(
      new SplitShardCommand({ StreamName: name, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (1n << 127n).toString() }),
    );
    await waitActive(arrange, name);
    await arrange.send(
      new MergeShardsCommand({ StreamName: name, ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' }),
    );
    await waitActive(arrange, name);

    const { shards } = await value<{ shards: Shard[] }>(app.dispatch('streams:shards', { name }, nobody));
    expect(shards.map((s) => [s.shardId, s.open, s.parentShardId, s.adjacentParentShardId])).toEqual([
      ['shardId-000000000000', false, null, null],
      ['shardId-000000000001', false, 'shardId-000000000000', null],
      ['shardId-000000000002', false, 'shardId-000000000000', null],
      ['shardId-000000000003', true, 'shardId-000000000001', 'shardId-000000000002'],
    ]);
    expect(shards[1]!.hashKeyRange.start).toBe('0');
    expect(shards[2]!.hashKeyRange.start).toBe((1n << 127n).toString());
    expect(shards[0]!.sequenceNumberRange.end).not.toBeNull();
    const tree = buildLineage(shards).map((row) =>
      row.kind === 'shard' ? `${row.depth}:${row.shard.shardId}` : `${row.depth}:->${row.into}`,
    );
    expect(tree).toEqual([
      '0:shardId-000000000000',
      '1:shardId-000000000001',
      '2:shardId-000000000003',
      '1:shardId-000000000002',
      '2:->shardId-000000000003',
    ]);
    const detail = await value<StreamDetail>(app.dispatch('streams:describe', { name }, nobody));
    expect(detail).toMatchObject({ name, status: 'ACTIVE', openShards: 1, retentionHours: 24, encryption: { type: 'NONE', keyId: null } });
    expect(detail.arn).toMatch(new RegExp(`:stream/${name}$`));
  });

  it('answers "which shard?" exactly as PutRecord places the record', async () => {
    const name = uniqueName('placement');
    await createStream(arrange, name, 5);
    for (const key of ['alpha', 'user-0001', 'ü-unicode-key', '42', 'x'.repeat(256)]) {
      const put = await arrange.send(new PutRecordCommand({ StreamName: name, PartitionKey: key, Data: Buffer.from('x') }));
      expect(await value(app.dispatch('streams:shardFor', { name, partitionKey: key }, nobody)), key).toMatchObject({
        shardId: put.ShardId,
      });
    }
    const explicit = '200000000000000000000000000000000000000';
    const put = await arrange.send(
      new PutRecordCommand({ StreamName: name, PartitionKey: 'ignored', ExplicitHashKey: explicit, Data: Buffer.from('x') }),
    );
    expect(await value(app.dispatch('streams:shardFor', { name, explicitHashKey: explicit }, nobody))).toMatchObject({
      shardId: put.ShardId,
      hashKey: explicit,
    });
  });

  it('routes by the explicit hash key when a partition key comes with it, as PutRecord does', async () => {
    const name = uniqueName('routed');
    await createStream(arrange, name, 4);
    // 'user-0001' hashes into another quarter than hash key 1, the first shard's.
    const put = await arrange.send(
      new PutRecordCommand({ StreamName: name, PartitionKey: 'user-0001', ExplicitHashKey: '1', Data: Buffer.from('x') }),
    );
    const alone = await arrange.send(new PutRecordCommand({ StreamName: name, PartitionKey: 'user-0001', Data: Buffer.from('x') }));
    expect(alone.ShardId).not.toBe(put.ShardId);
    expect(await value(app.dispatch('streams:shardFor', { name, partitionKey: 'user-0001', explicitHashKey: '1' }, nobody))).toMatchObject({
      shardId: put.ShardId,
      hashKey: '1',
      routedBy: 'explicit-hash-key',
      byPartitionKey: { shardId: alone.ShardId },
      aggregate: null,
    });
  });

  it("places each user record of a KPL aggregate where it would have gone alone, beside the aggregate's shard", async () => {
    const name = uniqueName('aggregated');
    await createStream(arrange, name, 5);
    const lastShardKey = '300000000000000000000000000000000000000';
    const aggregate = referenceAggregate({
      partition_key_table: ['alpha', 'user-0001', 'zed'],
      explicit_hash_key_table: [lastShardKey],
      records: [
        { partition_key_index: 0, data: Buffer.from('one') },
        { partition_key_index: 1, data: Buffer.from('two!') },
        { partition_key_index: 2, explicit_hash_key_index: 0, data: Buffer.from('three') },
      ],
    });
    const outer = await arrange.send(new PutRecordCommand({ StreamName: name, PartitionKey: 'alpha', Data: aggregate }));
    const alone = await Promise.all(
      [{ PartitionKey: 'alpha' }, { PartitionKey: 'user-0001' }, { PartitionKey: 'zed', ExplicitHashKey: lastShardKey }].map((keys) =>
        arrange.send(new PutRecordCommand({ StreamName: name, ...keys, Data: Buffer.from('x') })),
      ),
    );
    const answer = await value<ShardFor>(
      app.dispatch('streams:shardFor', { name, partitionKey: 'alpha', aggregate: aggregate.toString('base64') }, nobody),
    );
    expect(answer.shardId).toBe(outer.ShardId);
    expect(answer.aggregate!.userRecords).toEqual([
      { index: 0, partitionKey: 'alpha', explicitHashKey: null, bytes: 3, shardId: alone[0]!.ShardId, hashKey: expect.any(String) },
      { index: 1, partitionKey: 'user-0001', explicitHashKey: null, bytes: 4, shardId: alone[1]!.ShardId, hashKey: expect.any(String) },
      { index: 2, partitionKey: 'zed', explicitHashKey: lastShardKey, bytes: 5, shardId: alone[2]!.ShardId, hashKey: lastShardKey },
    ]);
    expect(answer.aggregate!.total).toBe(3);
    expect(answer.aggregate!.elsewhere).toBe(alone.filter((put) => put.ShardId !== outer.ShardId).length);
    expect(answer.aggregate!.elsewhere).toBeGreaterThan(0);
    expect(
      await app.dispatch('streams:shardFor', { name, partitionKey: 'alpha', aggregate: Buffer.from('plain').toString('base64') }, nobody),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/^These bytes are not a KPL aggregate/) },
    });
  });

  it('reports a stream deleted while it is browsed as gone', async () => {
    const name = uniqueName('doomed');
    await createStream(arrange, name, 1);
    expect(await app.dispatch('streams:describe', { name }, nobody)).toMatchObject({ ok: true });
    await arrange.send(new DeleteStreamCommand({ StreamName: name }));
    await expect.poll(async () => (await app.dispatch('streams:describe', { name }, nobody)).ok, { timeout: 10_000 }).toBe(false);
    expect(await app.dispatch('streams:describe', { name }, nobody)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await value<StreamSummaries>(app.dispatch('streams:summaries', { names: [name] }, nobody))).toEqual({
      summaries: [],
      gone: [name],
      partialErrors: [],
    });
  });

  it('lists tags', async () => {
    const name = uniqueName('tagged');
    await createStream(arrange, name, 1);
    await arrange.send(new AddTagsToStreamCommand({ StreamName: name, Tags: { team: 'data', env: 'dev' } }));
    expect(await value(app.dispatch('streams:tags', { name }, nobody))).toEqual({
      tags: [
        { key: 'env', value: 'dev' },
        { key: 'team', value: 'data' },
      ],
    });
  });

  it(kind === 'kinesis-local' ? 'lists enhanced fan-out consumers' : 'says consumers are not available on this endpoint', async () => {
    const name = uniqueName('fanout');
    await createStream(arrange, name, 1);
    const { arn } = await value<StreamDetail>(app.dispatch('streams:describe', { name }, nobody));
    if (kind === 'kinesis-local') {
      await arrange.send(new RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'analytics' }));
      expect(await value(app.dispatch('streams:consumers', { name }, nobody))).toEqual({
        consumers: [
          {
            name: 'analytics',
            arn: expect.stringContaining('/consumer/analytics:'),
            status: expect.stringMatching(/ACTIVE|CREATING/),
            createdAt: expect.any(String),
          },
        ],
      });
    } else {
      expect(await app.dispatch('streams:consumers', { name }, nobody)).toEqual({
        ok: false,
        error: { code: 'unavailable', message: 'This endpoint does not implement ListStreamConsumers (enhanced fan-out).' },
      });
    }
  });
});

describe('an endpoint nobody listens on', () => {
  it('fails with the unreachable code and a message a user understands', async () => {
    const port = await freePort();
    const app = await startTestApp({ connection: { kind: 'endpoint', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' } });
    try {
      const result = await app.dispatch('streams:names', {}, nobody);
      expect(result).toMatchObject({ ok: false, error: { code: 'unreachable' } });
      expect(result.ok || result.error.message).toMatch(/could not be reached: nothing is listening at that address/);
    } finally {
      await app.stop();
    }
  });
});

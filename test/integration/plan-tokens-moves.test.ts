import { type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import type { CheckpointMoveInput } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { getLease, kcl2Item, leaseTable, startDynalite, type LocalDynamo } from '../support/lease-tables';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

type Planned = { token: string; changes: { leaseKey: string; leaseCounter: number; to: unknown }[] };

/**
 * A checkpoint move is made only with the token of the plan main made for it: crafted calls
 * without one, with an expired one, or with another plan's are refused and leave the leases be.
 */
describe('checkpoint moves need the token of their confirmed plan, on kinesalite and dynalite', () => {
  let kinesis: RunningKinesisServer;
  let dynamo: LocalDynamo;
  let client: KinesisClient;
  let app: ShardscopeApp;
  let now = Date.now();

  /** A one-shard stream and a stopped application's lease table at TRIM_HORIZON. */
  async function arrange(): Promise<CheckpointMoveInput & { table: string }> {
    const stream = uniqueName('tokened-move');
    await createStream(client, stream, 1);
    const table = uniqueName('stopped-app');
    await leaseTable(dynamo.client, table, [
      kcl2Item({ shardId: 'shardId-000000000000', owner: 'gone-worker', counter: 7, checkpoint: 'TRIM_HORIZON' }),
    ]);
    return { stream, table, shardId: null, to: { type: 'LATEST' }, quietSeconds: 5 };
  }
  const plan = async (input: CheckpointMoveInput) => {
    const planned = await app.dispatch('consumers:planMove', input, nobody);
    if (!planned.ok) throw new Error(planned.error.message);
    return planned.value as Planned;
  };
  const expectedOf = (planned: Planned) => planned.changes.map(({ leaseKey, leaseCounter, to }) => ({ leaseKey, leaseCounter, to }));
  const move = (input: CheckpointMoveInput, planned: Planned | { token?: string; changes: Planned['changes'] }) =>
    app.dispatch('consumers:move', { ...input, expected: expectedOf(planned as Planned), token: planned.token }, nobody);
  const checkpointOf = async (table: string) => (await getLease(dynamo.client, table, 'shardId-000000000000')).checkpoint;

  beforeAll(async () => {
    [kinesis, dynamo] = await Promise.all([startKinesisServer('kinesalite'), startDynalite()]);
    client = arrangeClient(kinesis);
    app = await startTestApp({
      connection: { kind: 'endpoint', endpoint: kinesis.endpoint, region: kinesis.region, dynamodbEndpoint: dynamo.endpoint },
      planTokens: { now: () => now },
    });
  });
  afterAll(async () => {
    await app?.stop();
    client?.destroy();
    await Promise.all([kinesis?.stop(), dynamo?.stop()]);
  });

  it('refuses a move without a token or without the plan’s leases', async () => {
    const input = await arrange();
    const planned = await plan(input);
    expect(await move(input, { changes: planned.changes })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'token', message: expect.stringContaining('plan it first') }] },
    });
    expect(await app.dispatch('consumers:move', { ...input, token: planned.token }, nobody)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'expected' }] },
    });
    expect(await checkpointOf(input.table)).toEqual({ S: 'TRIM_HORIZON' });
  });

  it('refuses an expired token, another stream’s, and another move’s on the same lease table', async () => {
    const [input, other] = [await arrange(), await arrange()];
    const expired = await plan(input);
    now += 10 * 60_000;
    expect(await move(input, expired)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('more than 10 minutes old') },
    });

    const othersPlan = await plan(other);
    expect(await move(input, othersPlan)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`for the stream ${other.stream}`) },
    });

    const toTrimHorizon = await plan({ ...input, to: { type: 'TRIM_HORIZON' } });
    expect(await move(input, { ...toTrimHorizon, changes: (await plan(input)).changes })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('differs from the plan that was confirmed') },
    });
    expect(await checkpointOf(input.table)).toEqual({ S: 'TRIM_HORIZON' });
    expect(await checkpointOf(other.table)).toEqual({ S: 'TRIM_HORIZON' });
  });

  it('refuses a token planned on another connection, though both reach the same servers', async () => {
    const input = await arrange();
    const planned = await plan(input);
    const profile = {
      name: 'same-servers',
      region: kinesis.region,
      endpoint: kinesis.endpoint,
      dynamodbEndpoint: dynamo.endpoint,
      source: { type: 'default-chain' as const },
    };
    expect((await app.dispatch('connections:save', { profile }, nobody)).ok).toBe(true);
    expect((await app.dispatch('connections:activate', { name: 'same-servers' }, nobody)).ok).toBe(true);
    expect(await move(input, planned)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('made on another connection') },
    });
    expect(await checkpointOf(input.table)).toEqual({ S: 'TRIM_HORIZON' });
  });
});

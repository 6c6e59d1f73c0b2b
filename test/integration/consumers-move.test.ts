import { ListShardsCommand, PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nobody } from '../../main/core/sessions/session-owner';
import type { LeaseQuiet } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { runCli } from '../support/cli';
import { getLease, keepRenewing, kcl2Item, leaseTable, startDynalite, type LocalDynamo } from '../support/lease-tables';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

describe('moving a KCL application’s checkpoints, on kinesalite with lease tables in dynalite', () => {
  let kinesis: RunningKinesisServer;
  let dynamo: LocalDynamo;
  let client: KinesisClient;
  const flags = () => ['--endpoint', kinesis.endpoint, '--region', kinesis.region, '--dynamodb-endpoint', dynamo.endpoint];
  const move = (stream: string, table: string, ...args: string[]) =>
    runCli(['move-checkpoint', stream, '--lease-table', table, '--quiet-for', '5', ...args, ...flags()]);

  beforeAll(async () => {
    [kinesis, dynamo] = await Promise.all([startKinesisServer('kinesalite'), startDynalite()]);
    client = arrangeClient(kinesis);
  });
  afterAll(async () => {
    client?.destroy();
    await Promise.all([kinesis?.stop(), dynamo?.stop()]);
  });

  /** A one-shard stream with records put `gapMs` apart, and a stopped application's table at TRIM_HORIZON. */
  async function arrange(records: number, gapMs = 0) {
    const stream = uniqueName('move');
    await createStream(client, stream, 1);
    const landed: { sequenceNumber: string; at: number }[] = [];
    for (let i = 0; i < records; i++) {
      const { SequenceNumber } = await client.send(
        new PutRecordCommand({ StreamName: stream, PartitionKey: 'k', Data: Buffer.from(`r${i}`) }),
      );
      landed.push({ sequenceNumber: SequenceNumber!, at: Date.now() });
      // Arrival times a clear step apart, so "the first record at or after a time" is one record.
      if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    const table = uniqueName('stopped-app');
    await leaseTable(dynamo.client, table, [
      kcl2Item({ shardId: 'shardId-000000000000', owner: 'gone-worker', counter: 7, checkpoint: 'TRIM_HORIZON' }),
    ]);
    return { stream, table, landed };
  }

  it('moves a stopped application to a time: the checkpoint is the record before it, written with the counter two up, and read back', async () => {
    const { stream, table, landed } = await arrange(4, 300);
    const at = new Date(landed[2]!.at - 150).toISOString();
    const result = await move(stream, table, '--to', at, '--yes', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Watching ${table} for 5 s`);
    const { moved, plan } = JSON.parse(result.stdout);
    expect(moved).toBe(1);
    expect(plan.changes[0]).toMatchObject({ shardId: 'shardId-000000000000', from: { type: 'TRIM_HORIZON' } });
    expect(plan.changes[0].resumesAt).toContain(landed[2]!.sequenceNumber);

    const item = await getLease(dynamo.client, table, 'shardId-000000000000');
    expect(item.checkpoint).toEqual({ S: landed[1]!.sequenceNumber });
    expect(item.checkpointSubSequenceNumber).toEqual({ N: '0' });
    expect(item.leaseCounter).toEqual({ N: '9' });
    expect(item.leaseOwner).toEqual({ S: 'gone-worker' });

    // And the report measures from there: two records behind.
    const report = JSON.parse((await runCli(['consumers', stream, '--lease-table', table, '--json', ...flags()])).stdout);
    expect(report.applications[0].shards[0].recordsBehind).toEqual({ count: 2, exact: true });
  });

  it('moves to LATEST, to TRIM_HORIZON, and after a sequence number; a dry run changes nothing', async () => {
    const { stream, table, landed } = await arrange(3);
    const dry = await move(stream, table, '--to', 'latest', '--dry-run', '--json');
    expect(JSON.parse(dry.stdout).changes[0].to).toEqual({ type: 'LATEST' });
    expect((await getLease(dynamo.client, table, 'shardId-000000000000')).checkpoint).toEqual({ S: 'TRIM_HORIZON' });

    expect((await move(stream, table, '--to', 'latest', '--yes')).code).toBe(0);
    expect((await getLease(dynamo.client, table, 'shardId-000000000000')).checkpoint).toEqual({ S: 'LATEST' });

    const after = await move(stream, table, '--to', landed[0]!.sequenceNumber, '--shard', 'shardId-000000000000', '--yes');
    expect(after.code, after.stderr).toBe(0);
    expect((await getLease(dynamo.client, table, 'shardId-000000000000')).checkpoint).toEqual({ S: landed[0]!.sequenceNumber });

    expect((await move(stream, table, '--to', 'trim-horizon', '--yes')).code).toBe(0);
    expect((await getLease(dynamo.client, table, 'shardId-000000000000')).checkpoint).toEqual({ S: 'TRIM_HORIZON' });
    expect((await getLease(dynamo.client, table, 'shardId-000000000000')).leaseCounter).toEqual({ N: '13' });
  });

  it('leaves a finished lease and one of a shard gone from the stream alone, and refuses a move whose plan changed since it was confirmed', async () => {
    const { stream, table } = await arrange(1);
    await leaseTable(dynamo.client, `${table}-all`, [
      kcl2Item({ shardId: 'shardId-000000000000', owner: 'gone-worker', counter: 3, checkpoint: 'TRIM_HORIZON' }),
      kcl2Item({ shardId: 'shardId-000000000007', owner: 'gone-worker', counter: 3, checkpoint: 'SHARD_END' }),
    ]);
    const dry = JSON.parse((await move(stream, `${table}-all`, '--to', 'latest', '--dry-run', '--json')).stdout);
    expect(dry.changes.map((c: { shardId: string }) => c.shardId)).toEqual(['shardId-000000000000']);
    expect(dry.skipped).toEqual([{ shardId: 'shardId-000000000007', reason: 'The shard is no longer in the stream.' }]);

    const app = await startTestApp({
      connection: { kind: 'endpoint', endpoint: kinesis.endpoint, region: kinesis.region, dynamodbEndpoint: dynamo.endpoint },
    });
    try {
      const input = { stream, table, shardId: null, to: { type: 'LATEST' }, quietSeconds: 5 } as const;
      await expect
        .poll(
          async () => {
            const quiet = await app.dispatch('consumers:quiet', input, nobody);
            return quiet.ok ? (quiet.value as LeaseQuiet).blocker : quiet.error.message;
          },
          {
            timeout: 15_000,
            interval: 1_000,
          },
        )
        .toBeNull();
      const planned = async () => {
        const plan = await app.dispatch('consumers:planMove', input, nobody);
        if (!plan.ok) throw new Error(plan.error.message);
        return plan.value as { token: string; changes: { leaseKey: string; leaseCounter: number; to: unknown }[] };
      };
      // The plan confirmed moved counter 7; a call claiming counter 6 under its token is another plan.
      const stale = await app.dispatch(
        'consumers:move',
        {
          ...input,
          expected: [{ leaseKey: 'shardId-000000000000', leaseCounter: 6, to: { type: 'LATEST' } }],
          token: (await planned()).token,
        },
        nobody,
      );
      expect(stale).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', message: expect.stringContaining('differs from the plan that was confirmed') },
      });
      expect((await getLease(dynamo.client, table, 'shardId-000000000000')).checkpoint).toEqual({ S: 'TRIM_HORIZON' });
      const { token, changes } = await planned();
      expect(changes.map(({ leaseCounter }) => leaseCounter)).toEqual([7]);
      const expected = changes.map(({ leaseKey, leaseCounter, to }) => ({ leaseKey, leaseCounter, to }));
      const right = await app.dispatch('consumers:move', { ...input, expected, token }, nobody);
      expect(right).toMatchObject({ ok: true, value: { moved: 1 } });
    } finally {
      await app.stop();
    }
  });

  it('refuses while a worker renews a lease, and writes nothing', async () => {
    const { stream, table } = await arrange(2);
    const stop = keepRenewing(dynamo.client, table, 'shardId-000000000000', 1_000);
    try {
      const result = await move(stream, table, '--to', 'latest', '--yes');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/The lease of shardId-000000000000 was renewed \d+ s ago by gone-worker: the application is running/);
    } finally {
      await stop();
    }
    expect((await getLease(dynamo.client, table, 'shardId-000000000000')).checkpoint).toEqual({ S: 'TRIM_HORIZON' });
  });

  it('refuses on a read-only connection before reading anything, and without --yes where there is no terminal', async () => {
    const { stream, table } = await arrange(1);
    const readOnly = await move(stream, table, '--to', 'latest', '--yes', '--read-only');
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toContain('is a read-only connection: Shardscope will not call UpdateItem');
    const unconfirmed = await move(stream, table, '--to', 'latest');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain(`Refusing to move 1 checkpoint in lease table ${table} for stream ${stream}`);
    expect((await getLease(dynamo.client, table, 'shardId-000000000000')).checkpoint).toEqual({ S: 'TRIM_HORIZON' });
  });

  it('needs a shard for a sequence number, and a sequence number the shard holds', async () => {
    const { stream, table } = await arrange(1);
    const noShard = await move(stream, table, '--to', '49680663800658295949379995444353528997641711646947672066', '--yes');
    expect(noShard.code).toBe(2);
    expect(noShard.stderr).toContain('A sequence number belongs to one shard');
    const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
    const foreign = await move(
      stream,
      table,
      '--to',
      Shards[0]!.SequenceNumberRange!.StartingSequenceNumber!,
      '--shard',
      'shardId-000000000000',
      '--yes',
    );
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('The shard holds no record');
  });
});

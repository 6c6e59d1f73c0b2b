import { DescribeStreamSummaryCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import type { CallName, CallOutput } from '../../shared/contract';
import { describeWriteTarget } from '../../shared/write-target';
import { startTestApp } from '../support/app';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

/** A call's answer, or the test fails with main's message. */
async function planned<C extends CallName>(app: ShardscopeApp, call: C, input: unknown): Promise<CallOutput<C>> {
  const answer = await app.dispatch(call, input, nobody);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as CallOutput<C>;
}

/** Every write's plan, for records into `target` (read from `source` for a send and a copy). */
const writePlans = (source: string, target: string, picked: { shardId: string; sequenceNumber: string }[]) => ({
  put: { stream: target, data: '{"x":1}', encoding: 'json', partitionKey: 'k', explicitHashKey: null },
  send: {
    source,
    target,
    records: picked.map(({ shardId, sequenceNumber }) => ({ shardId, sequenceNumber, subSequenceNumber: null })),
    keys: { type: 'keep' },
  },
  copy: { spec: { source, target, targetProfile: null, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' } } },
});

describe('a write plan names where the write lands, on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let app: ShardscopeApp;
  let account: string;
  let plans: ReturnType<typeof writePlans>;
  const [source, target] = [uniqueName('source'), uniqueName('target')];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await Promise.all([createStream(client, source, 1), createStream(client, target, 1)]);
    plans = writePlans(source, target, await put(client, source, [{ key: 'a', data: 'one' }]));
    const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: target }));
    account = StreamDescriptionSummary!.StreamARN!.split(':')[4]!;
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
  });
  afterAll(async () => {
    await app?.stop();
    client?.destroy();
    await server?.stop();
  });

  it('planPut, planSend and copies:estimate return the target with its account, and what is written; the put lands with its token', async () => {
    const where = { kind: 'endpoint', connection: expect.any(String), region: server.region, endpoint: server.endpoint, account };
    const putPlan = await planned(app, 'writes:planPut', plans.put);
    expect(putPlan).toMatchObject({ stream: target, target: where, records: 1, bytes: '{"x":1}'.length });
    expect(await planned(app, 'writes:planSend', plans.send)).toMatchObject({ stream: target, target: where, records: 1, bytes: null });
    expect((await planned(app, 'copies:estimate', plans.copy)).target).toEqual(where);
    expect(describeWriteTarget(putPlan.target)).toBe(
      `account ${account} on connection "${putPlan.target.connection}" (${server.region}, ${server.endpoint})`,
    );

    await planned(app, 'writes:put', { ...plans.put, token: putPlan.token });
    expect((await readAllRaw(client, target)).map((r) => r.data.toString())).toEqual(['{"x":1}']);
  });

  it('refuses at plan time on a read-only connection, so no confirmation is shown for it', async () => {
    const readOnly = await startTestApp({
      connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region, readOnly: true },
    });
    try {
      for (const [call, input] of [
        ['writes:planPut', plans.put],
        ['writes:planSend', plans.send],
        ['copies:estimate', plans.copy],
      ] as const) {
        const answer = await readOnly.dispatch(call, input, nobody);
        expect(answer, call).toMatchObject({ ok: false, error: { code: 'read-only' } });
      }
    } finally {
      await readOnly.stop();
    }
  });

  it("the CLI's put and copy confirmations name the plan's account and connection", async () => {
    const flags = ['--endpoint', server.endpoint, '--region', server.region];
    const [putAsked, copyAsked] = await Promise.all([
      runCli(['put', target, '--data', 'not asked', ...flags]),
      runCli(['copy', source, target, ...flags]),
    ]);
    expect(putAsked.code).not.toBe(0);
    expect(putAsked.stderr).toMatch(
      new RegExp(`Refusing to put 1 record into stream ${target} in account ${account} on connection "[^"]+" \\(`),
    );
    expect(copyAsked.code).not.toBe(0);
    expect(copyAsked.stderr).toContain(`into stream ${target} in account ${account} on connection`);
    expect((await readAllRaw(client, target)).map((r) => r.data.toString())).not.toContain('not asked');
  });
});

describe('a write plan in the sandbox names the local sandbox', () => {
  let app: ShardscopeApp;

  beforeAll(async () => {
    app = await startTestApp({ sandbox: { demo: false } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('planPut and copies:estimate say the sandbox, with no account', async () => {
    const client = app.connections.client(nobody);
    const [source, target] = [uniqueName('source'), uniqueName('target')];
    await Promise.all([createStream(client, source, 1), createStream(client, target, 1)]);
    const picked = await put(client, source, [{ key: 'a', data: 'one' }]);
    const plans = writePlans(source, target, picked);
    const where = {
      kind: 'sandbox',
      connection: expect.any(String),
      region: expect.any(String),
      endpoint: expect.any(String),
      account: null,
    };
    const putPlan = await planned(app, 'writes:planPut', plans.put);
    expect(putPlan.target).toEqual(where);
    expect(describeWriteTarget(putPlan.target)).toBe('the local sandbox (on this machine, no AWS account)');
    expect((await planned(app, 'writes:planSend', plans.send)).target).toEqual(where);
    expect((await planned(app, 'copies:estimate', plans.copy)).target).toEqual(where);
  });
});

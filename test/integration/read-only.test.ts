import { PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import type { BrowserHost } from '../../main/hosts/browser/browser-host';
import type { ShardscopeApi } from '../../shared/api';
import type { StreamChangeInput } from '../../shared/contract';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';
import { nobody } from '../../main/core/sessions/session-owner';
import { openBridges } from '../support/bridges';
import { runCli } from '../support/cli';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

/** Every call that writes, as the renderer would make it: planned first, then made with the plan's token. */
const writeCalls = (source: string, target: string, shardId: string, sequenceNumber: string) => {
  const record = { stream: target, data: '{"x":1}', encoding: 'json' as const, partitionKey: 'k', explicitHashKey: null };
  const picked = { source, target, records: [{ shardId, sequenceNumber, subSequenceNumber: null }], keys: { type: 'keep' as const } };
  const spec = { source, target, targetProfile: null, from: { type: 'TRIM_HORIZON' as const }, until: { type: 'caught-up' as const } };
  return {
    put: async (api: ShardscopeApi) => {
      const plan = await api.writes.planPut(record);
      return plan.ok ? api.writes.put({ ...record, token: plan.value.token }) : plan;
    },
    send: async (api: ShardscopeApi) => {
      const plan = await api.writes.planSend(picked);
      return plan.ok ? api.writes.send({ ...picked, token: plan.value.token }) : plan;
    },
    copy: async (api: ShardscopeApi) => {
      const estimate = await api.copies.estimate({ spec });
      return estimate.ok ? api.copies.start({ spec, token: estimate.value.token }) : estimate;
    },
  };
};

describe('a read-only connection refuses every write in main, on kinesalite', () => {
  let server: RunningKinesisServer;
  let proxy: FaultProxy;
  let app: ShardscopeApp;
  let host: BrowserHost;
  const bridges: Record<string, ShardscopeApi> = {};
  const [source, target] = [uniqueName('source'), uniqueName('target')];
  let written: Awaited<ReturnType<typeof put>>;

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    proxy = await startFaultProxy(server.endpoint);
    const client = arrangeClient(server);
    await createStream(client, source, 1);
    // Two shards, so a merge has an adjacent pair to plan.
    await createStream(client, target, 2);
    written = await put(client, source, [{ key: 'a', data: 'one' }]);
    client.destroy();
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: proxy.endpoint, region: server.region, readOnly: true } });
    const opened = await openBridges(app);
    host = opened.host;
    Object.assign(bridges, opened.bridges);
  });
  afterAll(async () => {
    await host?.close();
    await app?.stop();
    await proxy?.close();
    await server?.stop();
  });

  it.each(['electron', 'browser'])(
    'through the %s bridge: put, send and copy answer read-only, and no write reaches the wire',
    async (bridge) => {
      expect(await bridges[bridge]!.connections.active()).toMatchObject({ ok: true, value: { readOnly: true } });
      const calls = writeCalls(source, target, written[0]!.shardId, written[0]!.sequenceNumber);
      for (const [name, call] of Object.entries(calls)) {
        const answer = await call(bridges[bridge]!);
        expect(answer.ok, name).toBe(false);
        if (!answer.ok) {
          expect(answer.error.code, name).toBe('read-only');
          expect(answer.error.message).toContain('read-only connection');
          // How to write again is each host's to word: the app a setting, the CLI a command.
          expect(answer.error.remedy, name).toBe('make-writable');
          expect(answer.error.message).not.toMatch(/--|profiles set/);
        }
      }
      expect(proxy.calls.filter((c) => c.operation.startsWith('Put'))).toEqual([]);
    },
  );

  it.each(['electron', 'browser'])(
    'through the %s bridge: every stream change answers read-only, and none reaches the wire',
    async (bridge) => {
      const changes: StreamChangeInput[] = [
        { type: 'create', stream: 'new-one', mode: 'PROVISIONED', shards: 1 },
        { type: 'delete', stream: target },
        { type: 'reshard', stream: target, shards: 2 },
        { type: 'split', stream: target, shardId: 'shardId-000000000000', at: { type: 'middle' } },
        { type: 'merge', stream: target, shardId: 'shardId-000000000000', adjacentShardId: 'shardId-000000000001' },
        { type: 'retention', stream: target, hours: 48 },
        { type: 'mode', stream: target, mode: 'ON_DEMAND' },
        { type: 'encryption', stream: target, enabled: true },
        { type: 'monitoring', stream: target, metrics: ['IncomingBytes'] },
        { type: 'tags', stream: target, set: { a: 'b' } },
        { type: 'consumer', stream: target, action: 'register', name: 'c' },
      ];
      for (const change of changes) {
        const plan = await bridges[bridge]!.admin.plan({ change });
        expect(plan.ok, change.type).toBe(true);
        if (!plan.ok) continue;
        const answer = await bridges[bridge]!.admin.apply({ change, token: plan.value.token });
        expect(answer, change.type).toMatchObject({ ok: false, error: { code: 'read-only' } });
      }
      const reads = /^(Describe|List|Get)/;
      expect(proxy.calls.filter((c) => !reads.test(c.operation)).map((c) => c.operation)).toEqual([]);
    },
  );

  it('the client itself refuses a write that skipped every handler, before it is signed or sent', async () => {
    const client = app.connections.client(nobody);
    await expect(client.send(new PutRecordCommand({ StreamName: target, PartitionKey: 'k', Data: Buffer.from('x') }))).rejects.toThrow(
      /read-only connection: Shardscope will not call PutRecord on/,
    );
    await expect(
      client.send(new PutRecordsCommand({ StreamName: target, Records: [{ PartitionKey: 'k', Data: Buffer.from('x') }] })),
    ).rejects.toMatchObject({ name: 'ReadOnlyConnectionError', action: 'PutRecords' });
    expect(proxy.calls.filter((c) => c.operation.startsWith('Put'))).toEqual([]);
  });

  it('the permission check writes no test record on it, and says why', async () => {
    const report = await bridges.browser!.permissions.check({ name: target, writeProbe: true });
    if (!report.ok) throw new Error(report.error.message);
    const putRecords = report.value.actions.find((a) => a.action === 'kinesis:PutRecords')!;
    expect(putRecords).toMatchObject({ status: 'unchecked', reason: expect.stringContaining('read-only') });
    expect(proxy.calls.filter((c) => c.operation.startsWith('Put'))).toEqual([]);
    expect(await readAllRaw(arrangeClient(server), target)).toEqual([]);
  });

  it('the CLI refuses put, produce and copy on a profile saved --read-only, and writes again once made writable', async () => {
    const home = tempDataDir();
    const env = { SHARDSCOPE_HOME: home, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'x' };
    const add = await runCli(
      ['profiles', 'add', 'guarded', '--region', server.region, '--endpoint', server.endpoint, '--default-chain', '--read-only'],
      { env },
    );
    expect(add.code, add.stderr).toBe(0);
    expect((await runCli(['profiles', 'list'], { env })).stdout).toContain('read-only');
    const attempts = [
      ['put', target, '--data', 'x', '--yes'],
      ['produce', target, '--file', 'package.json', '--format', 'lines', '--yes'],
      ['copy', source, target, '--yes'],
      ['reshard', target, '--shards', '3', '--yes'],
      ['delete', target, '--yes'],
    ];
    for (const args of attempts) {
      const result = await runCli([...args, '--profile', 'guarded'], { env });
      expect(result.code, args[0]).toBe(1);
      expect(result.stderr).toContain('"guarded" is a read-only connection');
      expect(result.stderr, args[0]).toContain('shardscope profiles set NAME --writable');
    }
    // --read-only on the command line guards a connection saved writable too.
    const flagged = await runCli(['put', target, '--data', 'x', '--yes', '--endpoint', server.endpoint, '--read-only'], { env });
    expect(flagged.code).toBe(1);
    expect(await readAllRaw(arrangeClient(server), target)).toEqual([]);

    expect((await runCli(['profiles', 'set', 'guarded', '--writable'], { env })).code).toBe(0);
    const allowed = await runCli(['put', target, '--data', 'now allowed', '--yes', '--profile', 'guarded'], { env });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect((await readAllRaw(arrangeClient(server), target)).map((r) => r.data.toString())).toEqual(['now allowed']);
  });
});

describe('a connection made read-only while a copy writes to it, on kinesalite', () => {
  let server: RunningKinesisServer;
  let app: ShardscopeApp;
  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
  });
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  it('stops the copy at its next write, with the read-only reason', async () => {
    const client = arrangeClient(server);
    const [source, target] = [uniqueName('source'), uniqueName('target')];
    await createStream(client, source, 1);
    await createStream(client, target, 1);
    await put(
      client,
      source,
      Array.from({ length: 400 }, (_, i) => ({ key: `k${i}`, data: `r${i}` })),
    );
    const profile = { name: 'copy-target', region: server.region, endpoint: server.endpoint, source: { type: 'default-chain' as const } };
    expect((await app.dispatch('connections:save', { profile }, nobody)).ok).toBe(true);
    const owner = recordingOwner();
    const spec = { source, target, targetProfile: 'copy-target', from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, rate: 40 };
    const estimate = await app.dispatch('copies:estimate', { spec }, owner);
    if (!estimate.ok) throw new Error(estimate.error.message);
    const { token } = estimate.value as { token: string };
    const started = await app.dispatch('copies:start', { spec, token }, owner);
    if (!started.ok) throw new Error(started.error.message);
    // Some calls have landed; at 40 records a second the rest take ten seconds more.
    for (const deadline = Date.now() + 20_000; (await readAllRaw(client, target)).length === 0 && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 100));

    expect(
      (await app.dispatch('connections:save', { originalName: 'copy-target', profile: { ...profile, readOnly: true } }, nobody)).ok,
    ).toBe(true);
    const stopped = () => owner.of('session:status').find((s) => s.state === 'stopped');
    for (const deadline = Date.now() + 20_000; !stopped() && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
    expect(stopped()).toMatchObject({
      kind: 'copy',
      stoppedBy: 'error',
      reason: expect.stringContaining('"copy-target" is a read-only connection'),
    });
    expect((await readAllRaw(client, target)).length).toBeLessThan(400);
    client.destroy();
  });
});

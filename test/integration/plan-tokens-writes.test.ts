import { type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody, type SessionOwner } from '../../main/core/sessions/session-owner';
import type { CallName } from '../../shared/contract';
import { recordingOwner, startTestApp } from '../support/app';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

/**
 * Records are written into a stream (put, send, copy) only with the token of the plan main made
 * for exactly those records: crafted calls without one, expired, or another plan's write nothing.
 */
describe('writes into a stream need the token of their confirmed plan, on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let app: ShardscopeApp;
  let now = Date.now();
  const [source, target, other] = [uniqueName('source'), uniqueName('target'), uniqueName('other')];
  let picked: { shardId: string; sequenceNumber: string; subSequenceNumber: null }[];

  const record = (stream: string, data = '{"x":1}') => ({ stream, data, encoding: 'json', partitionKey: 'k', explicitHashKey: null });
  const send = (to: string) => ({ source, target: to, records: picked, keys: { type: 'keep' } });
  const copy = (to: string) => ({
    spec: { source, target: to, targetProfile: null, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' } },
    restart: true,
  });
  /** Each kind of write: its plan call, the write, its input for a stream, and other records for the same stream. */
  const writes: [string, CallName, CallName, (stream: string) => Record<string, unknown>, (stream: string) => Record<string, unknown>][] = [
    ['put', 'writes:planPut', 'writes:put', record, (stream) => ({ ...record(stream), partitionKey: 'other' })],
    ['send', 'writes:planSend', 'writes:send', send, (stream) => ({ ...send(stream), keys: { type: 'random' } })],
    [
      'copy',
      'copies:estimate',
      'copies:start',
      copy,
      (stream) => ({ ...copy(stream), spec: { ...copy(stream).spec, from: { type: 'LATEST' } } }),
    ],
  ];
  const tokenOf = async (call: CallName, input: Record<string, unknown>, owner: SessionOwner = nobody) => {
    const planned = await app.dispatch(call, call === 'copies:estimate' ? { spec: input.spec, restart: input.restart } : input, owner);
    if (!planned.ok) throw new Error(planned.error.message);
    return (planned.value as { token: string }).token;
  };

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await Promise.all([source, target, other].map((stream) => createStream(client, stream, 1)));
    picked = (await put(client, source, [{ key: 'a', data: 'one' }])).map(({ shardId, sequenceNumber }) => ({
      shardId,
      sequenceNumber,
      subSequenceNumber: null,
    }));
    app = await startTestApp({
      connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region },
      planTokens: { now: () => now },
    });
  });
  afterAll(async () => {
    await app?.stop();
    client?.destroy();
    await server?.stop();
  });

  it.each(writes)(
    '%s: refuses no token, an expired one, another stream’s and another write’s, and writes nothing',
    async (_, planCall, writeCall, inputFor, changedFor) => {
      const input = inputFor(target);
      const owner = recordingOwner();
      expect(await app.dispatch(writeCall, input, owner)).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', issues: [{ path: 'token', message: expect.stringContaining('plan it first') }] },
      });
      const expired = await tokenOf(planCall, input, owner);
      now += 10 * 60_000;
      expect(await app.dispatch(writeCall, { ...input, token: expired }, owner)).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('more than 10 minutes old') },
      });
      const othersToken = await tokenOf(planCall, inputFor(other), owner);
      expect(await app.dispatch(writeCall, { ...input, token: othersToken }, owner)).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining(`for the stream ${other}`) },
      });
      const anotherToken = await tokenOf(planCall, changedFor(target), owner);
      expect(await app.dispatch(writeCall, { ...input, token: anotherToken }, owner)).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('differs from the plan that was confirmed') },
      });
      const anotherWindows = await tokenOf(planCall, input, recordingOwner());
      expect(await app.dispatch(writeCall, { ...input, token: anotherWindows }, owner)).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('made in another window') },
      });
      expect(owner.of('session:status')).toEqual([]);
      expect(await readAllRaw(client, target)).toEqual([]);
    },
  );

  it('writes with the token of the plan made for the write, once, and refuses it on another connection', async () => {
    const input = record(target, '{"confirmed":true}');
    const token = await tokenOf('writes:planPut', input);
    expect(await app.dispatch('writes:put', { ...input, token }, nobody)).toMatchObject({ ok: true });
    expect(await app.dispatch('writes:put', { ...input, token }, nobody)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('already used') },
    });
    const elsewhere = await tokenOf('writes:planPut', input);
    const profile = { name: 'same-server', region: server.region, endpoint: server.endpoint, source: { type: 'default-chain' as const } };
    expect((await app.dispatch('connections:save', { profile }, nobody)).ok).toBe(true);
    expect((await app.dispatch('connections:activate', { name: 'same-server' }, nobody)).ok).toBe(true);
    expect(await app.dispatch('writes:put', { ...input, token: elsewhere }, nobody)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('made on another connection') },
    });
    expect((await readAllRaw(client, target)).map((r) => r.data.toString())).toEqual(['{"confirmed":true}']);
  });

  it('binds a copy to its restart and to the target connection it writes with', async () => {
    const owner = recordingOwner();
    const input = copy(target);
    const before = (await readAllRaw(client, target)).length;
    const withoutRestart = await tokenOf('copies:estimate', { ...input, restart: false }, owner);
    expect(await app.dispatch('copies:start', { ...input, token: withoutRestart }, owner)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('differs from the plan that was confirmed') },
    });
    // A target profile whose endpoint moves between the estimate and the start is another connection.
    const profile = { name: 'copy-target', region: server.region, endpoint: server.endpoint, source: { type: 'default-chain' as const } };
    expect((await app.dispatch('connections:save', { profile }, owner)).ok).toBe(true);
    const toProfile = { ...input, spec: { ...input.spec, targetProfile: 'copy-target' } };
    const token = await tokenOf('copies:estimate', toProfile, owner);
    const moved = { ...profile, endpoint: server.endpoint.replace('127.0.0.1', 'localhost') };
    expect((await app.dispatch('connections:save', { originalName: 'copy-target', profile: moved }, owner)).ok).toBe(true);
    expect(await app.dispatch('copies:start', { ...toProfile, token }, owner)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('made on another connection') },
    });
    expect(owner.of('session:status')).toEqual([]);
    expect(await readAllRaw(client, target)).toHaveLength(before);
  });
});

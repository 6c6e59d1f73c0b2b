import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import type { SessionOwner } from '../../main/core/sessions/session-owner';
import type { ProduceSpec } from '../../shared/contract';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

/**
 * A file is written into a stream only with the token of the plan main made for that file as it
 * is, on that stream and connection: crafted calls without one, expired, or another plan's write
 * nothing and start nothing.
 */
describe('produce needs the token of its confirmed plan, on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let app: ShardscopeApp;
  let readOnlyApp: ShardscopeApp;
  let now = Date.now();
  const [target, other] = [uniqueName('produce'), uniqueName('produce-other')];
  const folder = tempDataDir();
  const lines = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `{"${tag}":${i}}\n`).join('');

  const fileWith = (name: string, content: string) => {
    const file = path.join(folder, name);
    writeFileSync(file, content);
    return file;
  };
  const specFor = (stream: string, file: string, more: Partial<ProduceSpec> = {}) => ({
    stream,
    file,
    format: 'jsonl' as const,
    rejectsFile: `${file}.rejects.jsonl`,
    ...more,
  });
  const plan = async (spec: ReturnType<typeof specFor>, owner: SessionOwner, on = app) => {
    const planned = await on.dispatch('writes:planProduce', spec, owner);
    if (!planned.ok) throw new Error(planned.error.message);
    return (planned.value as { token: string }).token;
  };

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await Promise.all([target, other].map((stream) => createStream(client, stream, 1)));
    const connection = { kind: 'endpoint' as const, endpoint: server.endpoint, region: server.region };
    [app, readOnlyApp] = await Promise.all([
      startTestApp({ connection, planTokens: { now: () => now } }),
      startTestApp({ connection, readOnly: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([app?.stop(), readOnlyApp?.stop()]);
    client?.destroy();
    await server?.stop();
  });

  it('refuses no token, an expired one, another stream’s, another spec’s, another window’s and a file changed since', async () => {
    const owner = recordingOwner();
    const spec = specFor(target, fileWith('refused.jsonl', lines(3, 'refused')));
    expect(await app.dispatch('writes:produce', { spec }, owner)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'token', message: expect.stringContaining('plan it first') }] },
    });
    const expired = await plan(spec, owner);
    now += 10 * 60_000;
    expect(await app.dispatch('writes:produce', { spec, token: expired }, owner)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('more than 10 minutes old') },
    });
    const othersToken = await plan(specFor(other, spec.file), owner);
    expect(await app.dispatch('writes:produce', { spec, token: othersToken }, owner)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`for the stream ${other}`) },
    });
    const aggregated = await plan({ ...spec, aggregate: true } as typeof spec, owner);
    expect(await app.dispatch('writes:produce', { spec, token: aggregated }, owner)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('differs from the plan that was confirmed') },
    });
    const anotherWindows = await plan(spec, recordingOwner());
    expect(await app.dispatch('writes:produce', { spec, token: anotherWindows }, owner)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('made in another window') },
    });
    // Lines added after the plan was confirmed are not what was confirmed.
    const beforeGrowing = await plan(spec, owner);
    appendFileSync(spec.file, lines(1, 'added'));
    expect(await app.dispatch('writes:produce', { spec, token: beforeGrowing }, owner)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('differs from the plan that was confirmed') },
    });
    expect(owner.of('session:status')).toEqual([]);
    expect(owner.of('produce:progress')).toEqual([]);
    expect(await readAllRaw(client, target)).toEqual([]);
  });

  it('writes the whole file on one token, once, and tells its caller the summary before the stop', async () => {
    const owner = recordingOwner();
    const spec = specFor(target, fileWith('confirmed.jsonl', `${lines(4, 'confirmed')}not json\n`));
    const token = await plan(spec, owner);
    const started = await app.dispatch('writes:produce', { spec, token }, owner);
    expect(started).toMatchObject({ ok: true, value: { sessionId: expect.any(String) } });
    await expect.poll(() => owner.of('session:status').some((s) => s.state === 'stopped')).toBe(true);
    const sessionId = (started as { value: { sessionId: string } }).value.sessionId;
    expect(owner.of('produce:finished')).toEqual([
      expect.objectContaining({ sessionId, outcome: 'completed', read: 5, written: 4, rejected: 1, rejectsFile: spec.rejectsFile }),
    ]);
    const finishedAt = owner.received.findIndex((event) => event.topic === 'produce:finished');
    const stoppedAt = owner.received.findIndex(
      (event) => event.topic === 'session:status' && (event.payload as { state: string }).state === 'stopped',
    );
    expect(finishedAt).toBeLessThan(stoppedAt);
    expect(await app.dispatch('writes:produce', { spec, token }, owner)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('already used') },
    });
    expect((await readAllRaw(client, target)).map((r) => r.data.toString())).toEqual(lines(4, 'confirmed').trim().split('\n'));
  });

  it('stops where it is when its caller asks, with what was written said', async () => {
    const owner = recordingOwner();
    const before = (await readAllRaw(client, other)).length;
    const spec = specFor(other, fileWith('slow.jsonl', lines(40, 'slow')), { rate: 4 });
    const started = await app.dispatch('writes:produce', { spec, token: await plan(spec, owner) }, owner);
    const { sessionId } = (started as { value: { sessionId: string } }).value;
    await expect.poll(() => owner.of('produce:progress').some((p) => p.written > 0)).toBe(true);
    expect(await app.dispatch('writes:stopProduce', { sessionId }, owner)).toMatchObject({ ok: true, value: { stopped: true } });
    const [finished] = owner.of('produce:finished');
    expect(finished).toMatchObject({ outcome: 'stopped' });
    expect(finished!.written).toBeLessThan(40);
    expect((await readAllRaw(client, other)).length - before).toBe(finished!.written);
  });

  it('a read-only connection refuses the plans of writes, so nothing is confirmed that cannot be made', async () => {
    const owner = recordingOwner();
    const spec = specFor(target, fileWith('read-only.jsonl', lines(1, 'read-only')));
    expect(await readOnlyApp.dispatch('writes:planProduce', spec, owner)).toMatchObject({
      ok: false,
      error: { code: 'read-only', message: expect.stringContaining('will not call PutRecords') },
    });
    const change = { type: 'tags', stream: target, set: { planned: 'yes' } };
    expect(await readOnlyApp.dispatch('admin:plan', { change, toApply: true }, owner)).toMatchObject({
      ok: false,
      error: { code: 'read-only', message: expect.stringContaining('will not call AddTagsToStream') },
    });
    // Shown only (a dry run, a form being filled in): planned on any connection.
    expect(await readOnlyApp.dispatch('admin:plan', { change }, owner)).toMatchObject({ ok: true });
    const move = { stream: target, table: 'app-leases', shardId: null, to: { type: 'LATEST' }, quietSeconds: 5 };
    expect(await readOnlyApp.dispatch('consumers:quiet', move, owner)).toMatchObject({
      ok: false,
      error: { code: 'read-only', message: expect.stringContaining('will not call UpdateItem') },
    });
  });

  it('refuses to read a file for a window or a browser tab, whatever it names, and writes nothing', async () => {
    const owner = recordingOwner();
    const spec = specFor(target, fileWith('secret.jsonl', lines(2, 'secret')));
    const token = await plan(spec, owner);
    const before = (await readAllRaw(client, target)).length;
    const connection = { kind: 'endpoint' as const, endpoint: server.endpoint, region: server.region };
    for (const host of ['browser', 'electron'] as const) {
      const windowApp = await startTestApp({ connection, host });
      try {
        for (const [channel, input] of [
          ['writes:planProduce', spec],
          ['writes:produce', { spec, token }],
        ] as const)
          expect(await windowApp.dispatch(channel, input, owner)).toMatchObject({
            ok: false,
            error: { code: 'unavailable', message: expect.stringContaining('cannot read files on this machine') },
          });
      } finally {
        await windowApp.stop();
      }
    }
    expect((await readAllRaw(client, target)).length).toBe(before);
  });
});

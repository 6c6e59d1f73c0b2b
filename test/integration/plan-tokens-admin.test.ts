import { DescribeStreamSummaryCommand, ListStreamsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import type { BrowserHost } from '../../main/hosts/browser/browser-host';
import { startBrowserHost } from '../../main/hosts/browser/browser-host';
import type { StreamChangeInput } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { tinyStaticDir } from '../support/host';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { openTab } from '../support/socket-client';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

/**
 * A stream change is applied only with the token of the plan main made for it: crafted calls
 * without one, with an expired one, or with another plan's are refused and change nothing.
 */
describe('stream changes need the token of their confirmed plan, on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let app: ShardscopeApp;
  let host: BrowserHost;
  let now = Date.now();

  const retentionOf = async (stream: string) =>
    (await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary!.RetentionPeriodHours;
  const exists = async (stream: string) => (await client.send(new ListStreamsCommand({}))).StreamNames!.includes(stream);
  const plan = async (change: StreamChangeInput) => {
    const planned = await app.dispatch('admin:plan', { change }, nobody);
    if (!planned.ok) throw new Error(planned.error.message);
    return (planned.value as { token: string }).token;
  };
  const apply = (change: StreamChangeInput, token?: string) => app.dispatch('admin:apply', { change, token }, nobody);

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    app = await startTestApp({
      connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region },
      planTokens: { now: () => now },
    });
    host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
  });
  afterAll(async () => {
    await host?.close();
    await app?.stop();
    client?.destroy();
    await server?.stop();
  });

  it('refuses a delete and a retention change without a token, over the dispatcher and over the browser socket', async () => {
    const stream = uniqueName('untokened');
    await createStream(client, stream, 1);
    const refusal = {
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'token', message: expect.stringContaining('plan it first') }] },
    };
    expect(await apply({ type: 'delete', stream })).toMatchObject(refusal);
    expect(await apply({ type: 'retention', stream, hours: 48 })).toMatchObject(refusal);
    const tab = await openTab(host.origin, host.token);
    try {
      expect(await tab.call('admin:apply', { change: { type: 'delete', stream } })).toMatchObject(refusal);
      expect(await tab.call('admin:apply', { change: { type: 'delete', stream }, token: 'A'.repeat(43) })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', message: expect.stringContaining('unknown here') },
      });
    } finally {
      tab.close();
    }
    expect(await exists(stream)).toBe(true);
    expect(await retentionOf(stream)).toBe(24);
  });

  it('refuses an expired token, another stream’s, another change’s on the same stream, and a spent one', async () => {
    const [stream, other] = [uniqueName('tokened'), uniqueName('other')];
    await createStream(client, stream, 1);
    await createStream(client, other, 1);
    const change: StreamChangeInput = { type: 'retention', stream, hours: 48 };

    const expired = await plan(change);
    now += 10 * 60_000;
    expect(await apply(change, expired)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('more than 10 minutes old') },
    });

    const othersToken = await plan({ type: 'retention', stream: other, hours: 48 });
    expect(await apply(change, othersToken)).toMatchObject({ ok: false, error: { message: expect.stringContaining(`stream ${other}`) } });

    const retentionToken = await plan({ type: 'retention', stream, hours: 72 });
    expect(await apply(change, retentionToken)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('differs from the plan') },
    });
    const tagsToken = await plan({ type: 'tags', stream, set: { a: 'b' } });
    expect(await apply({ type: 'delete', stream }, tagsToken)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('differs') },
    });
    expect(await exists(stream)).toBe(true);
    expect(await retentionOf(stream)).toBe(24);

    const token = await plan(change);
    expect(await apply(change, token)).toMatchObject({ ok: true, value: { applied: true } });
    expect(await retentionOf(stream)).toBe(48);
    expect(await apply({ type: 'retention', stream, hours: 48 }, token)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('already used') },
    });
  });

  it('refuses a token planned on another connection, though both reach the same server', async () => {
    const stream = uniqueName('connection');
    await createStream(client, stream, 1);
    const change: StreamChangeInput = { type: 'delete', stream };
    const token = await plan(change);
    const profile = { name: 'same-server', region: server.region, endpoint: server.endpoint, source: { type: 'default-chain' as const } };
    expect((await app.dispatch('connections:save', { profile }, nobody)).ok).toBe(true);
    expect((await app.dispatch('connections:activate', { name: 'same-server' }, nobody)).ok).toBe(true);
    expect(await apply(change, token)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('made on another connection') },
    });
    expect(await exists(stream)).toBe(true);
  });
});

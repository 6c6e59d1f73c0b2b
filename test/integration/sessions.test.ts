import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { startBrowserHost, type BrowserHost } from '../../main/hosts/browser/browser-host';
import { startTestApp } from '../support/app';
import { startCli } from '../support/cli';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { tinyStaticDir } from '../support/host';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';
import { openTab } from '../support/socket-client';

const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `key-${i}`, data: JSON.stringify({ n: i }) }));

describe.each(kinesisServerKinds)('sessions and their owners on %s', (kind) => {
  let server: RunningKinesisServer;
  let proxy: FaultProxy;
  let client: KinesisClient;
  let app: ShardscopeApp;
  let host: BrowserHost;
  const stream = uniqueName('owned');

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    proxy = await startFaultProxy(server.endpoint);
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    await put(client, stream, batch(20));
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: proxy.endpoint, region: server.region } });
    host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
  });
  afterAll(async () => {
    await host?.close();
    await app?.stop();
    client?.destroy();
    await proxy?.close();
    await server?.stop();
  });

  it("sends a session's records and status to the tab that started it, and to no other", async () => {
    const [mine, theirs] = [await openTab(host.origin, host.token), await openTab(host.origin, host.token)];
    try {
      for (const tab of [mine, theirs]) tab.subscribe('preview:records', 'preview:status', 'session:status');
      const started = await mine.call('preview:start', { stream, position: { type: 'TRIM_HORIZON' } });
      expect(started.ok).toBe(true);
      const records = () => mine.events.filter((e) => e.topic === 'preview:records').flatMap((e) => e.payload.records as unknown[]);
      await expect.poll(() => records().length, { timeout: 10_000 }).toBe(20);
      expect(mine.events.some((e) => e.topic === 'session:status' && e.payload.state === 'running')).toBe(true);
      expect(theirs.events).toEqual([]);
      // Nor may the other tab stop it: to that tab the session does not exist.
      const sessionId = (started as { value: { sessionId: string } }).value.sessionId;
      expect(await theirs.call('preview:stop', { sessionId })).toEqual({ ok: true, value: { stopped: false } });
      expect(await theirs.call('preview:pause', { sessionId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(app.sessions.size).toBe(1);
    } finally {
      mine.close();
      theirs.close();
    }
    await expect.poll(() => app.sessions.size).toBe(0);
  });

  it('a tab closed while preview:start is still in flight leaves no session, no timer and no reader', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const timersBefore = count('Timeout');
    const tab = await openTab(host.origin, host.token);
    const seen = proxy.calls.length;
    proxy.hold('ListShards', 1);
    tab.send('preview:start', { stream, position: { type: 'LATEST' } });
    await expect.poll(() => proxy.calls.slice(seen).some((c) => c.operation === 'ListShards')).toBe(true);
    tab.close();
    await expect.poll(() => app.sessions.size).toBe(0);
    proxy.release();
    const afterRelease = proxy.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(proxy.calls.slice(afterRelease).filter((c) => c.operation === 'GetShardIterator' || c.operation === 'GetRecords')).toEqual([]);
    expect(app.sessions.size).toBe(0);
    expect(count('Timeout')).toBeLessThanOrEqual(timersBefore);
  });

  it('stops a preview within seconds when GetRecords is refused mid-read, and says why', async () => {
    const tab = await openTab(host.origin, host.token);
    try {
      tab.subscribe('session:status', 'preview:records');
      const started = await tab.call('preview:start', { stream, position: { type: 'TRIM_HORIZON' } });
      const sessionId = (started as { value: { sessionId: string } }).value.sessionId;
      await expect.poll(() => tab.events.some((e) => e.topic === 'preview:records'), { timeout: 10_000 }).toBe(true);
      const refusedAt = Date.now();
      proxy.inject('GetRecords', 'AccessDeniedException', 1_000);
      const stopped = () =>
        tab.events.find((e) => e.topic === 'session:status' && e.payload.sessionId === sessionId && e.payload.state === 'stopped');
      await expect.poll(stopped, { timeout: 5_000 }).toBeTruthy();
      expect(Date.now() - refusedAt).toBeLessThan(5_000);
      expect(stopped()!.payload).toMatchObject({
        kind: 'preview',
        stoppedBy: 'error',
        reason: expect.stringContaining('AccessDeniedException: User: arn:aws:iam::000000000000:user/reader is not authorized'),
      });
      expect(app.sessions.size).toBe(0);
    } finally {
      proxy.clear();
      tab.close();
    }
  });

  it('tail stops with exit code 1 and the reason when GetRecords is refused mid-read', async () => {
    const tailProxy = await startFaultProxy(server.endpoint);
    const tail = await startCli(['tail', stream, '--from', 'TRIM_HORIZON', '--json', '--endpoint', tailProxy.endpoint]);
    try {
      tailProxy.inject('GetRecords', 'AccessDeniedException', 1_000);
      const code = await new Promise<number | null>((resolve) => tail.child.once('close', resolve));
      expect(code).toBe(1);
      expect(tail.output()).toMatch(
        /error: shardId-00000000000\d: AccessDeniedException: User: arn:aws:iam::000000000000:user\/reader is not authorized/,
      );
    } finally {
      await tail.stop();
      await tailProxy.close();
    }
  });

  it('refuses more sessions than the limit with a clear error', async () => {
    const limited = await startTestApp({
      connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region },
      sessionLimit: 2,
    });
    const limitedHost = await startBrowserHost({ app: limited, staticDir: tinyStaticDir() });
    const tab = await openTab(limitedHost.origin, limitedHost.token);
    try {
      for (let i = 0; i < 2; i++) expect((await tab.call('metrics:start', { stream })).ok).toBe(true);
      expect(await tab.call('preview:start', { stream, position: { type: 'LATEST' } })).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringContaining('at most 2') },
      });
    } finally {
      tab.close();
      await limitedHost.close();
      await limited.stop();
    }
  });
});

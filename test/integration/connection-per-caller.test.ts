import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { startBrowserHost, type BrowserHost } from '../../main/hosts/browser/browser-host';
import { nobody } from '../../main/core/sessions/session-owner';
import { recordText, type ReadBudgetSetting } from '../../shared/contract';
import { recordingOwner, startTestApp, type RecordingOwner } from '../support/app';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { tinyStaticDir } from '../support/host';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';
import { openTab, type TestTab } from '../support/socket-client';

const batch = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, data: JSON.stringify({ tag, n: i }) }));

/**
 * Two saved connections to one kinesalite, each through its own proxy, so the wire tells which
 * connection a call went out on.
 */
describe('each caller has its own connection: one switching stops none of the others’ work', () => {
  let server: RunningKinesisServer;
  let alpha: FaultProxy;
  let beta: FaultProxy;
  let client: KinesisClient;
  let app: ShardscopeApp;
  let host: BrowserHost;
  const stream = uniqueName('shared');

  const profile = (name: string, proxy: FaultProxy, extra: { readBudget?: ReadBudgetSetting; readOnly?: boolean } = {}) => ({
    name,
    region: server.region,
    endpoint: proxy.endpoint,
    source: { type: 'default-chain' as const },
    ...extra,
  });
  const ok = async <T>(answer: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> => {
    const result = await answer;
    if (!result.ok) throw new Error(result.error!.message);
    return result.value as T;
  };
  const stops = (owner: RecordingOwner) => owner.of('session:status').filter((s) => s.state === 'stopped');

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    [alpha, beta] = [await startFaultProxy(server.endpoint), await startFaultProxy(server.endpoint)];
    client = arrangeClient(server);
    await createStream(client, stream, 1);
    app = await startTestApp({ connection: 'saved-or-sandbox', sandbox: { demo: false } });
    host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
    await ok(app.dispatch('connections:save', { profile: profile('alpha', alpha) }, nobody));
    await ok(app.dispatch('connections:save', { profile: profile('beta', beta) }, nobody));
  });
  afterAll(async () => {
    await host?.close();
    await app?.stop();
    client?.destroy();
    await alpha?.close();
    await beta?.close();
    await server?.stop();
  });

  it('two tabs: one switching keeps the other’s preview, and calls, on its own connection; a new tab starts on the last chosen', async () => {
    const [first, second] = [await openTab(host.origin, host.token), await openTab(host.origin, host.token)];
    const tabs: TestTab[] = [first, second];
    try {
      for (const tab of tabs) tab.subscribe('preview:records', 'session:status', 'connections:changed');
      expect(await first.call('connections:activate', { name: 'alpha' })).toMatchObject({ ok: true, value: { label: 'alpha' } });
      const firstPreview = await first.call('preview:start', { stream, position: { type: 'LATEST' } });
      const secondPreview = await second.call('preview:start', { stream, position: { type: 'LATEST' } });
      expect([firstPreview.ok, secondPreview.ok]).toEqual([true, true]);

      expect(await second.call('connections:activate', { name: 'beta' })).toMatchObject({ ok: true, value: { label: 'beta' } });
      // The switcher's own preview ends, with the reason; the other tab hears of no switch.
      await expect
        .poll(() => second.events.find((e) => e.topic === 'session:status' && e.payload.state === 'stopped')?.payload)
        .toMatchObject({ kind: 'preview', stoppedBy: 'connection-changed' });
      expect(second.events.filter((e) => e.topic === 'connections:changed').map((e) => e.payload.label)).toEqual(['beta']);
      expect(first.events.filter((e) => e.topic === 'connections:changed').map((e) => e.payload.label)).toEqual(['alpha']);

      // The first tab's preview goes on and still reads through alpha.
      await put(client, stream, batch(3, 'after-switch'));
      const seen = () => first.events.filter((e) => e.topic === 'preview:records').flatMap((e) => e.payload.records as unknown[]);
      await expect.poll(() => seen().length, { timeout: 10_000 }).toBe(3);
      expect(first.events.some((e) => e.topic === 'session:status' && e.payload.state === 'stopped')).toBe(false);
      expect(app.sessions.size).toBe(1);

      const listed = (proxy: FaultProxy) => proxy.calls.filter((c) => c.operation === 'ListStreams').length;
      const before = { alpha: listed(alpha), beta: listed(beta) };
      expect(await first.call('streams:names', {})).toMatchObject({ ok: true });
      expect(await first.call('connections:active', {})).toMatchObject({ ok: true, value: { label: 'alpha' } });
      expect({ alpha: listed(alpha), beta: listed(beta) }).toEqual({ alpha: before.alpha + 1, beta: before.beta });
      expect(await second.call('streams:names', {})).toMatchObject({ ok: true });
      expect({ alpha: listed(alpha), beta: listed(beta) }).toEqual({ alpha: before.alpha + 1, beta: before.beta + 1 });

      const third = await openTab(host.origin, host.token);
      tabs.push(third);
      expect(await third.call('connections:active', {})).toMatchObject({ ok: true, value: { label: 'beta' } });
      expect(app.connections.callers).toBe(3);
    } finally {
      for (const tab of tabs) tab.close();
    }
    // Closed tabs hold no connection and no session.
    await expect.poll(() => app.connections.callers).toBe(0);
    await expect.poll(() => app.sessions.size).toBe(0);
  });

  it('a saved read budget paces running previews at once, and stops none of them', async () => {
    const owner = recordingOwner();
    const other = recordingOwner();
    await ok(app.dispatch('connections:activate', { name: 'alpha' }, owner));
    // Four previews polling one shard: together about four calls a second, inside a budget of five.
    for (let i = 0; i < 4; i++) await ok(app.dispatch('preview:start', { stream, position: { type: 'LATEST' } }, owner));
    expect(await app.dispatch('connections:active', {}, other)).toMatchObject({ ok: true, value: { label: 'alpha' } });
    const shardId = 'shardId-000000000000';
    // A rate is counted over a window of time: here waiting out the window is the measurement.
    const rate = async (seconds: number) => {
      const from = Date.now();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
      return alpha.getRecordsOn(shardId, from, from + seconds * 1_000) / seconds;
    };
    expect(await rate(3)).toBeGreaterThanOrEqual(3);

    await ok(
      app.dispatch(
        'connections:save',
        { originalName: 'alpha', profile: profile('alpha', alpha, { readBudget: { callsPerSecond: 1, mibPerSecond: null } }) },
        nobody,
      ),
    );
    // Both callers on alpha see the new budget; a slot already taken at the old pace comes first.
    expect(owner.of('connections:changed').at(-1)).toMatchObject({ label: 'alpha', readBudget: { callsPerSecond: 1 } });
    expect(other.of('connections:changed').at(-1)).toMatchObject({ label: 'alpha', readBudget: { callsPerSecond: 1 } });
    await rate(1);
    expect(await rate(4)).toBeLessThanOrEqual(1.5);
    expect(stops(owner)).toEqual([]);
    expect(app.sessions.ofOwner(owner.id)).toHaveLength(4);

    await put(client, stream, batch(1, 'paced'));
    await expect
      .poll(
        () =>
          owner
            .of('preview:records')
            .flatMap((b) => b.records)
            .filter((r) => recordText(r).includes('paced')).length,
        { timeout: 15_000 },
      )
      .toBe(4);
    await app.closeOwner(owner.id);
    await app.closeOwner(other.id);
    await ok(app.dispatch('connections:save', { originalName: 'alpha', profile: profile('alpha', alpha) }, nobody));
  });

  it('made read-only: a running copy stops with the reason and resumes later, a preview goes on, a put is refused', async () => {
    const [source, target] = [uniqueName('source'), uniqueName('target')];
    await createStream(client, source, 1);
    await createStream(client, target, 1);
    await put(client, source, batch(300, 'copied'));
    const owner = recordingOwner();
    await ok(app.dispatch('connections:activate', { name: 'alpha' }, owner));
    await ok(app.dispatch('preview:start', { stream: source, position: { type: 'LATEST' } }, owner));
    const spec = { source, target, targetProfile: null, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, rate: 50 };
    const planned = await ok<{ token: string }>(app.dispatch('copies:estimate', { spec }, owner));
    const { sessionId: copyId } = await ok<{ sessionId: string }>(app.dispatch('copies:start', { spec, token: planned.token }, owner));
    await expect.poll(async () => (await readAllRaw(client, target)).length, { timeout: 20_000 }).toBeGreaterThan(0);

    await ok(app.dispatch('connections:save', { originalName: 'alpha', profile: profile('alpha', alpha, { readOnly: true }) }, nobody));
    await expect.poll(() => stops(owner).map((s) => s.sessionId)).toEqual([copyId]);
    expect(stops(owner)[0]).toMatchObject({
      kind: 'copy',
      stoppedBy: 'error',
      reason: expect.stringContaining('"alpha" is a read-only connection now: the copy stopped before its next write'),
    });
    expect(owner.of('connections:changed').at(-1)).toMatchObject({ label: 'alpha', readOnly: true });
    const written = (await readAllRaw(client, target)).length;
    expect(written).toBeLessThan(300);

    await put(client, source, batch(1, 'still-previewed'));
    await expect
      .poll(
        () =>
          owner
            .of('preview:records')
            .flatMap((b) => b.records)
            .some((r) => recordText(r).includes('still-previewed')),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(app.sessions.ofOwner(owner.id).map((s) => s.kind)).toEqual(['preview']);
    const putInput = { stream: target, data: 'x', encoding: 'text', partitionKey: 'k', explicitHashKey: null };
    // Refused when planned: no confirmation is offered for a write the connection will not make.
    const putPlan = await app.dispatch('writes:planPut', putInput, owner);
    expect(putPlan).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect((await readAllRaw(client, target)).length).toBe(written);

    // Writable again, the copy carries on where it stopped: every record once, none lost.
    await ok(app.dispatch('connections:save', { originalName: 'alpha', profile: profile('alpha', alpha) }, nobody));
    const resumed = { ...spec, rate: 500 };
    const replanned = await ok<{ token: string }>(app.dispatch('copies:estimate', { spec: resumed }, owner));
    await ok(app.dispatch('copies:start', { spec: resumed, resume: true, token: replanned.token }, owner));
    await expect.poll(async () => (await readAllRaw(client, target)).length, { timeout: 20_000 }).toBe(300);
    const copied = (await readAllRaw(client, target)).map((r) => JSON.parse(r.data.toString()) as { n: number });
    expect(new Set(copied.map((r) => r.n)).size).toBe(300);
    await app.closeOwner(owner.id);
  });
});

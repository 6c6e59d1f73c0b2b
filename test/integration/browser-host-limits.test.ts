import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { startBrowserHost, type BrowserHost } from '../../main/hosts/browser/browser-host';
import { MAX_RECORD_BYTES } from '../../shared/contract/writes';
import { MAX_CLIENT_FRAME_BYTES, WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../shared/ws-protocol';
import { startTestApp } from '../support/app';
import { openSocket, outcome, tinyStaticDir } from '../support/host';
import { openTab } from '../support/socket-client';

function rawGet(origin: string, target: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) =>
    request({ host: url.hostname, port: url.port, path: target, headers: { host: url.host } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    })
      .on('error', reject)
      .end(),
  );
}

describe('the browser host under load and abuse (sandbox on kinesalite)', () => {
  let app: ShardscopeApp;
  let host: BrowserHost;
  // Default limits: a 150 ms heartbeat would close a socket while a 1 MiB record is being written in this same process.
  let roomy: BrowserHost;

  beforeAll(async () => {
    app = await startTestApp({ host: 'browser' });
    host = await startBrowserHost({
      app,
      staticDir: tinyStaticDir(),
      limits: { maxSockets: 3, maxCallsInFlight: 2, heartbeatMs: 150 },
    });
    roomy = await startBrowserHost({ app, staticDir: tinyStaticDir() });
  });
  afterAll(async () => {
    await host?.close();
    await roomy?.close();
    await app?.stop();
  });

  it('puts its security headers on errors as on pages', async () => {
    for (const target of ['/', '/missing.js', '/%E0%A4%A']) {
      const { status, headers } = await rawGet(host.origin, target);
      expect([200, 400, 404]).toContain(status);
      expect(headers['content-security-policy'], target).toContain("default-src 'self'");
      expect(headers['x-content-type-options'], target).toBe('nosniff');
      expect(headers['referrer-policy'], target).toBe('no-referrer');
      expect(headers['cross-origin-resource-policy'], target).toBe('same-origin');
    }
    expect((await rawGet(host.origin, '/%E0%A4%A')).status).toBeOneOf([400, 404]);
    expect((await rawGet(host.origin, '/..%2f..%2fetc%2fpasswd')).status).toBe(404);
  });

  it('closes a socket that stops answering pings, and keeps one that answers', async () => {
    const url = host.origin.replace('http', 'ws') + WS_PATH;
    const silent = new WebSocket(url, [WS_PROTOCOL, WS_TOKEN_PREFIX + host.token], { origin: host.origin, autoPong: false });
    const lively = openSocket(host.origin, { token: host.token });
    expect(await outcome(silent)).toBe('open');
    expect(await outcome(lively)).toBe('open');
    let pings = 0;
    lively.on('ping', () => (pings += 1));
    await new Promise((resolve) => silent.once('close', resolve));
    // At least the heartbeat that found the silent one dead; a second may land before its close does.
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(lively.readyState).toBe(WebSocket.OPEN);
    lively.close();
  });

  it('refuses sockets over the cap with 503 and takes one again when a tab closes', async () => {
    const tabs = [
      openSocket(host.origin, { token: host.token }),
      openSocket(host.origin, { token: host.token }),
      openSocket(host.origin, { token: host.token }),
    ];
    for (const tab of tabs) expect(await outcome(tab)).toBe('open');
    expect(await outcome(openSocket(host.origin, { token: host.token }))).toBe(503);
    const closed = new Promise((resolve) => tabs[0]!.once('close', resolve));
    tabs[0]!.close();
    await closed;
    const reopened = openSocket(host.origin, { token: host.token });
    expect(await outcome(reopened)).toBe('open');
    await Promise.all([reopened, tabs[1]!, tabs[2]!].map((tab) => new Promise((resolve) => tab.once('close', resolve).close())));
  });

  it('answers calls over the in-flight cap at once with a clear error, and the others normally', async () => {
    const tab = await openTab(host.origin, host.token);
    const answers = await Promise.all(Array.from({ length: 6 }, () => tab.call('streams:names', {})));
    const busy = answers.filter((a) => !a.ok);
    // Bounds: a call that finishes before a later one arrives frees its place, so how many of the
    // six are refused depends on the server's pace. The two first ones always get through.
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(2);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy[0]).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('2 calls waiting') } });
    expect((await tab.call('streams:names', {})).ok).toBe(true);
    tab.close();
  });

  it('closes a socket that sends a text frame of invalid UTF-8, and only that one', async () => {
    const bad = openSocket(host.origin, { token: host.token });
    expect(await outcome(bad)).toBe('open');
    const good = await openTab(host.origin, host.token);
    bad.on('error', () => {});
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
    expect((await good.call('app:info', {})).ok).toBe(true);
    good.close();
  });

  it('writes the largest valid put (a 1 MiB record in base64) and keeps the socket, and the preview it owns', async () => {
    const tab = await openTab(roomy.origin, roomy.token);
    tab.subscribe('session:status');
    const preview = await tab.call('preview:start', { stream: 'orders', position: { type: 'LATEST' } });
    expect(preview.ok).toBe(true);
    const data = randomBytes(MAX_RECORD_BYTES - 1).toString('base64');
    // MIME line breaks, as a tool that makes base64 writes it: the longest text the contract takes for a record.
    const wrapped = data.replace(/.{76}/g, '$&\r\n');
    expect(Buffer.byteLength(JSON.stringify({ data: wrapped }))).toBeGreaterThan(1024 * 1024);
    const input = { stream: 'orders', data: wrapped, encoding: 'base64', partitionKey: 'k' };
    const plan = await tab.call('writes:planPut', input);
    expect(plan).toMatchObject({ ok: true });
    const put = await tab.call('writes:put', { ...input, token: (plan as { value: { token: string } }).value.token });
    expect(put).toMatchObject({ ok: true, value: { bytes: MAX_RECORD_BYTES - 1 } });
    expect(tab.socket.readyState).toBe(WebSocket.OPEN);
    expect(tab.events.some((e) => e.topic === 'session:status' && e.payload.state === 'stopped')).toBe(false);
    expect(app.sessions.size).toBe(1);
    tab.close();
    await expect.poll(() => app.sessions.size).toBe(0);
  });

  it('answers a record one byte over 1 MiB with a clear refusal and keeps the socket', async () => {
    const tab = await openTab(roomy.origin, roomy.token);
    const data = randomBytes(MAX_RECORD_BYTES).toString('base64');
    // Refused when planned: a record Kinesis would refuse is never confirmed.
    const put = await tab.call('writes:planPut', { stream: 'orders', data, encoding: 'base64', partitionKey: 'k' });
    expect(put).toMatchObject({ ok: false, error: { message: expect.stringContaining('1 MiB') } });
    expect((await tab.call('app:info', {})).ok).toBe(true);
    tab.close();
  });

  it('still closes a socket whose frame is larger than any valid call (1009), and only that one', async () => {
    const big = openSocket(roomy.origin, { token: roomy.token });
    expect(await outcome(big)).toBe('open');
    const good = await openTab(roomy.origin, roomy.token);
    big.on('error', () => {});
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send('x'.repeat(MAX_CLIENT_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    expect((await good.call('app:info', {})).ok).toBe(true);
    good.close();
  });
});

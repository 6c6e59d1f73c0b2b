import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { startTestApp } from '../support/app';
import { startBrowserHost, type BrowserHost } from '../../main/hosts/browser/browser-host';
import { MAX_CLIENT_FRAME_BYTES, serverMessageSchema, type ServerMessage } from '../../shared/ws-protocol';
import { openSocket, outcome, tinyStaticDir } from '../support/host';

function nextMessage(socket: WebSocket, predicate: (message: ServerMessage) => boolean): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = serverMessageSchema.parse(JSON.parse(String(data)));
      if (predicate(message)) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
  });
}

describe('the browser host', () => {
  let app: ShardscopeApp;
  let host: BrowserHost;

  beforeAll(async () => {
    app = await startTestApp({ host: 'browser' });
    host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
  });
  afterAll(async () => {
    await host?.close();
    await app?.stop();
  });

  it('prints an address on loopback with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  });

  it('answers calls over the socket when the token and origin are right', async () => {
    const socket = openSocket(host.origin, { token: host.token });
    expect(await outcome(socket)).toBe('open');
    const reply = nextMessage(socket, (m) => m.type === 'result' && m.id === 7);
    socket.send(JSON.stringify({ type: 'call', id: 7, channel: 'streams:names', input: {} }));
    const message = await reply;
    expect(message).toMatchObject({ type: 'result', id: 7, result: { ok: true } });
    const names = (message as { result: { value: { streams: { name: string }[] } } }).result.value.streams.map((s) => s.name);
    expect(names).toEqual(['clickstream', 'mixed-encodings', 'orders', 'payments', 'telemetry']);
    socket.close();
  });

  it('pushes only the events a tab subscribed to', async () => {
    const socket = openSocket(host.origin, { token: host.token });
    await outcome(socket);
    const seen: string[] = [];
    socket.on('message', (data) => seen.push(JSON.parse(String(data)).topic));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(seen).toEqual([]);
    socket.send(JSON.stringify({ type: 'subscribe', topic: 'sandbox:producer' }));
    const event = await nextMessage(socket, (m) => m.type === 'event');
    expect(event).toMatchObject({ type: 'event', topic: 'sandbox:producer', payload: { running: true } });
    socket.close();
  });

  it('refuses a socket without the token or with a wrong one', async () => {
    expect(await outcome(openSocket(host.origin, { token: null }))).toBe(401);
    expect(await outcome(openSocket(host.origin, { token: host.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }))).toBe(401);
  });

  it('refuses a socket from a foreign origin even with the token', async () => {
    expect(await outcome(openSocket(host.origin, { token: host.token, origin: 'http://evil.example' }))).toBe(403);
    expect(await outcome(openSocket(host.origin, { token: host.token, origin: 'null' }))).toBe(403);
  });

  it('refuses requests whose Host header is not its own address (DNS rebinding)', async () => {
    const port = new URL(host.origin).port;
    expect(await outcome(openSocket(host.origin, { token: host.token, host: `rebind.example:${port}` }))).toBe(403);
    // fetch() may not set Host, so ask with node:http as a rebound browser would send it.
    const status = await new Promise<number>((resolve, reject) =>
      request(host.origin + '/', { headers: { host: `rebind.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(403);
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const page = await fetch(host.origin + '/');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a malformed call payload with a validation error and keeps the socket', async () => {
    const socket = openSocket(host.origin, { token: host.token });
    await outcome(socket);
    const reply = nextMessage(socket, (m) => m.type === 'result');
    socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'streams:names', input: { unexpected: true } }));
    expect(await reply).toMatchObject({ result: { ok: false, error: { code: 'invalid-input' } } });
    const unknown = nextMessage(socket, (m) => m.type === 'result');
    socket.send(JSON.stringify({ type: 'call', id: 2, channel: 'streams:drop', input: {} }));
    expect(await unknown).toMatchObject({ result: { ok: false, error: { code: 'unknown-call' } } });
    socket.close();
  });

  it('answers a malformed request target with 400 and stays up', async () => {
    const { connect } = await import('node:net');
    const url = new URL(host.origin);
    const answer = await new Promise<string>((resolve) => {
      const raw = connect(Number(url.port), url.hostname, () => {
        raw.write(
          `GET http://[ HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
      let text = '';
      raw.on('data', (chunk) => (text += chunk));
      raw.on('close', () => resolve(text));
      raw.on('error', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const socket = openSocket(host.origin, { token: host.token });
    expect(await outcome(socket)).toBe('open');
    socket.close();
  });

  it('closes only the socket that sends a frame over the limit or a binary frame', async () => {
    const big = openSocket(host.origin, { token: host.token });
    await outcome(big);
    const bigClosed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.on('error', () => {});
    big.send('x'.repeat(MAX_CLIENT_FRAME_BYTES + 1));
    expect(await bigClosed).toBe(1009);
    const binary = openSocket(host.origin, { token: host.token });
    await outcome(binary);
    const binaryClosed = new Promise<number>((resolve) => binary.once('close', (code) => resolve(code)));
    binary.send(Buffer.from([1, 2, 3]));
    expect(await binaryClosed).toBe(1003);
    // The host answers a new tab as before.
    const next = openSocket(host.origin, { token: host.token });
    await outcome(next);
    const reply = nextMessage(next, (m) => m.type === 'result');
    next.send(JSON.stringify({ type: 'call', id: 1, channel: 'app:info', input: {} }));
    expect(await reply).toMatchObject({ result: { ok: true } });
    next.close();
  });

  it('closes a socket that sends something other than protocol messages', async () => {
    const socket = openSocket(host.origin, { token: host.token });
    await outcome(socket);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('not json');
    expect(await closed).toBe(1003);
  });
});

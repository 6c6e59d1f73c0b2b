import { describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../main/host/browser-host';
import type { PreviewBatch } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { openSocket, outcome, tinyStaticDir } from '../support/host';

const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('preview lifecycle', () => {
  it('stop, a connection switch and an app stop end every reader, leaving no timer or socket behind', async () => {
    await settle();
    const before = { timers: count('Timeout'), sockets: count('TCPSocketWrap'), servers: count('TCPServerWrap') };
    const app = await startTestApp({ connection: 'sandbox' });
    const batches: PreviewBatch[] = [];
    app.events.attach((topic, payload) => topic === 'preview:records' && batches.push(payload as PreviewBatch));

    const start = async () => {
      const result = await app.dispatch('preview:start', { stream: 'orders', position: { type: 'TRIM_HORIZON' } });
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as { sessionId: string }).sessionId;
    };
    const first = await start();
    await expect.poll(() => batches.some((b) => b.sessionId === first), { timeout: 10_000 }).toBe(true);
    expect(await app.dispatch('preview:stop', { sessionId: first })).toEqual({ ok: true, value: { stopped: true } });
    expect(app.previews.size).toBe(0);

    await start();
    await start();
    expect(app.previews.size).toBe(2);
    await app.dispatch('connections:activate', { name: 'Local sandbox' });
    await expect.poll(() => app.previews.size).toBe(0);

    await start();
    await app.stop();
    expect(app.previews.size).toBe(0);
    await settle();
    expect({ timers: count('Timeout'), sockets: count('TCPSocketWrap'), servers: count('TCPServerWrap') }).toEqual(before);
  });

  it('a browser tab that closes stops the previews and meters it started', async () => {
    const app = await startTestApp({ connection: 'sandbox' });
    const host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
    try {
      const socket = openSocket(host.origin, { token: host.token });
      expect(await outcome(socket)).toBe('open');
      const started = new Promise((resolve) => socket.once('message', resolve));
      socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'preview:start', input: { stream: 'clickstream', position: { type: 'LATEST' } } }));
      await started;
      const metered = new Promise((resolve) => socket.once('message', resolve));
      socket.send(JSON.stringify({ type: 'call', id: 2, channel: 'metrics:start', input: { stream: 'orders' } }));
      await metered;
      expect([app.previews.size, app.meters.size]).toEqual([1, 1]);
      socket.close();
      await expect.poll(() => app.previews.size + app.meters.size).toBe(0);
    } finally {
      await host.close();
      await app.stop();
    }
  });
});

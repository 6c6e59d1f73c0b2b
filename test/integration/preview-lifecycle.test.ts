import { describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../main/hosts/browser/browser-host';
import { startTestApp, recordingOwner } from '../support/app';
import { openSocket, outcome, tinyStaticDir } from '../support/host';

const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('preview lifecycle', () => {
  it('stop, a connection switch and an app stop end every reader, leaving no timer or socket behind', async () => {
    await settle();
    const before = { timers: count('Timeout'), sockets: count('TCPSocketWrap'), servers: count('TCPServerWrap') };
    const app = await startTestApp({ connection: 'sandbox' });
    const owner = recordingOwner();

    const start = async () => {
      const result = await app.dispatch('preview:start', { stream: 'orders', position: { type: 'TRIM_HORIZON' } }, owner);
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as { sessionId: string }).sessionId;
    };
    const first = await start();
    await expect.poll(() => owner.of('preview:records').some((b) => b.sessionId === first), { timeout: 10_000 }).toBe(true);
    expect(await app.dispatch('preview:stop', { sessionId: first }, owner)).toEqual({ ok: true, value: { stopped: true } });
    expect(app.sessions.size).toBe(0);
    expect(
      owner
        .of('session:status')
        .filter((s) => s.sessionId === first)
        .map((s) => [s.state, s.stoppedBy]),
    ).toEqual([
      ['running', null],
      ['stopped', 'user'],
    ]);

    const [second] = [await start(), await start()];
    expect(app.sessions.size).toBe(2);
    await app.dispatch('connections:activate', { name: 'Local sandbox' }, owner);
    await expect.poll(() => app.sessions.size).toBe(0);
    expect(owner.of('session:status').find((s) => s.sessionId === second && s.state === 'stopped')).toMatchObject({
      stoppedBy: 'connection-changed',
    });

    await start();
    await app.stop();
    expect(app.sessions.size).toBe(0);
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
      socket.send(
        JSON.stringify({ type: 'call', id: 1, channel: 'preview:start', input: { stream: 'clickstream', position: { type: 'LATEST' } } }),
      );
      await started;
      const metered = new Promise((resolve) => socket.once('message', resolve));
      socket.send(JSON.stringify({ type: 'call', id: 2, channel: 'metrics:start', input: { stream: 'orders' } }));
      await metered;
      expect(
        app.sessions
          .list()
          .map((s) => s.kind)
          .sort(),
      ).toEqual(['metrics', 'preview']);
      socket.close();
      await expect.poll(() => app.sessions.size).toBe(0);
    } finally {
      await host.close();
      await app.stop();
    }
  });
});

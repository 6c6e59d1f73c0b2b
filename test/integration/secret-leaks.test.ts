import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { startBrowserHost, type BrowserHost } from '../../main/hosts/browser/browser-host';
import { startTestApp, tempDataDir } from '../support/app';
import { openSocket, outcome, tinyStaticDir } from '../support/host';
import { describeWithKeyring, secretToolLookup } from '../support/keychain';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { nobody } from '../../main/core/sessions/session-owner';

const CANARY = `LEAKCANARY${randomBytes(12).toString('hex')}`;
const TOKEN_CANARY = `TOKENCANARY${randomBytes(12).toString('hex')}`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describeWithKeyring('a stored secret stays in the keychain', () => {
  const dataDir = tempDataDir();
  const seen: string[] = [];
  const record = (what: unknown) => seen.push(typeof what === 'string' ? what : (JSON.stringify(what) ?? String(what)));
  let server: RunningKinesisServer;
  let app: ShardscopeApp;
  let host: BrowserHost;

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    app = await startTestApp({ dataDir, connection: 'sandbox', logError: (message, error) => record([message, error]) });
    app.events.attach((topic, payload) => record([topic, payload]));
    host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
    // Everything the process prints while the calls run.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        record(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write);
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await host?.close();
    await app?.stop();
    await server?.stop();
  });

  const profile = (name: string) => ({
    name,
    region: 'us-east-1',
    endpoint: server.endpoint,
    source: { type: 'access-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
  });
  const secret = { secretAccessKey: CANARY, sessionToken: TOKEN_CANARY };

  it('through the dispatcher: every profile call answers without it', async () => {
    const call = async (channel: string, input: unknown) => {
      const result = await app.dispatch(channel, input, nobody);
      record(result);
      return result;
    };
    // The one message that carries the secret is the save request itself; its answer must not.
    expect(await call('connections:save', { profile: profile('leak-ipc'), secret })).toMatchObject({ ok: true });
    expect(await secretToolLookup('leak-ipc')).toContain(CANARY);
    await call('connections:list', {});
    await call('connections:test', { name: 'leak-ipc' });
    await call('connections:activate', { name: 'leak-ipc' });
    await call('connections:active', {});
    await call('streams:names', {});
    await call('connections:awsProfiles', {});
    await call('connections:save', { originalName: 'leak-ipc', profile: profile('leak-ipc-renamed') });
    await call('connections:save', { profile: { ...profile('leak-bad'), source: { type: 'access-keys', accessKeyId: CANARY } }, secret });
    await call('connections:save', { profile: profile('leak-ipc-renamed'), secret });
    await call('connections:test', { name: 'leak-ipc-renamed' });
    await call('connections:remove', { name: 'leak-ipc-renamed' });
    expect(seen.join('\n')).not.toContain(CANARY);
    expect(seen.join('\n')).not.toContain(TOKEN_CANARY);
  });

  it('through the browser host: no frame sent back carries it', async () => {
    const socket = openSocket(host.origin, { token: host.token });
    expect(await outcome(socket)).toBe('open');
    const frames: string[] = [];
    socket.on('message', (data) => frames.push(String(data)));
    socket.send(JSON.stringify({ type: 'subscribe', topic: 'connections:changed' }));
    const calls: [string, unknown][] = [
      ['connections:save', { profile: profile('leak-ws'), secret }],
      ['connections:list', {}],
      ['connections:test', { name: 'leak-ws' }],
      ['connections:activate', { name: 'leak-ws' }],
      ['streams:names', {}],
      ['connections:save', { originalName: 'leak-ws', profile: profile('leak-ws-2') }],
      ['connections:list', {}],
    ];
    // One call at a time, as the UI awaits each: calls on one socket run concurrently.
    for (const [index, [channel, input]] of calls.entries()) {
      socket.send(JSON.stringify({ type: 'call', id: index, channel, input }));
      await expect.poll(() => frames.some((f) => f.includes(`"type":"result","id":${index},`)), { timeout: 10_000 }).toBe(true);
    }
    expect(frames.filter((f) => f.includes('"ok":false'))).toEqual([]);
    expect(frames.some((f) => f.includes('"connections:changed"'))).toBe(true);
    expect(await secretToolLookup('leak-ws-2')).toContain(CANARY);
    socket.send(JSON.stringify({ type: 'call', id: 99, channel: 'connections:remove', input: { name: 'leak-ws-2' } }));
    await expect.poll(() => frames.some((f) => f.includes('"id":99')), { timeout: 5_000 }).toBe(true);
    socket.close();
    expect(frames.join('\n')).not.toContain(CANARY);
    expect(frames.join('\n')).not.toContain(TOKEN_CANARY);
  });

  it('is in no file under the data folder, and the keychain entries are gone after removal', async () => {
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toContain(CANARY);
      expect(text, file).not.toContain(TOKEN_CANARY);
    }
    for (const name of ['leak-ipc', 'leak-ipc-renamed', 'leak-ws', 'leak-ws-2']) expect(await secretToolLookup(name)).toBeNull();
    expect(seen.join('\n')).not.toContain(CANARY);
  });
});

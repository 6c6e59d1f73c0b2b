import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { startBrowserHost, type BrowserHost } from '../../main/hosts/browser/browser-host';
import { startTestApp, tempDataDir } from '../support/app';
import { runCli } from '../support/cli';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { tinyStaticDir } from '../support/host';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';
import { openTab, type TestTab } from '../support/socket-client';

// What AWS quotes back when it refuses a signature: the canonical request with the session token,
// the Authorization header with the signature, and (as some SDK paths do) the secret itself.
const TOKEN = `IQoJ${randomBytes(180).toString('base64').replace(/[+/=]/g, 'A')}`;
const SECRET = `Zq9${randomBytes(27).toString('base64').replace(/[+/=]/g, 'B')}`.slice(0, 40);
const SIGNATURE = randomBytes(32).toString('hex');
const CANARIES = [TOKEN, SECRET, SIGNATURE];
const HOSTILE = [
  'The request signature we calculated does not match the signature you provided.',
  `Canonical request: POST / x-amz-security-token:${TOKEN}`,
  `Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20261128/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`,
  `secretAccessKey=${SECRET}`,
].join('\n');

function expectNoCanary(what: string, text: string) {
  for (const canary of CANARIES) expect(text.includes(canary), `${what} carries a credential`).toBe(false);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('a credential that AWS quotes back in an error (kinesalite behind a fault proxy)', () => {
  const dataDir = tempDataDir();
  const runFolder = path.join(tempDataDir(), 'run');
  const logged: string[] = [];
  const stream = uniqueName('canary');
  let server: RunningKinesisServer;
  let proxy: FaultProxy;
  let app: ShardscopeApp;
  let host: BrowserHost;
  let tab: TestTab;
  const frames: string[] = [];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, stream, 1);
    await put(
      client,
      stream,
      Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, data: `{"i":${i}}` })),
    );
    proxy = await startFaultProxy(server.endpoint);
    app = await startTestApp({
      dataDir,
      connection: { kind: 'endpoint', endpoint: proxy.endpoint, region: server.region },
      logError: (m, e) => logged.push(`${m} ${e}`),
    });
    host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
    tab = await openTab(host.origin, host.token);
    tab.socket.on('message', (data) => frames.push(String(data)));
    tab.subscribe('session:status', 'preview:status', 'run:progress');
  });
  afterAll(async () => {
    tab?.close();
    await host?.close();
    await app?.stop();
    await proxy?.close();
    await server?.stop();
  });

  it('reaches no answer, event, log or file of the app', async () => {
    proxy.inject('ListStreams', 'InvalidSignatureException', 1, HOSTILE);
    const listed = await tab.call('streams:names', {});
    expect(listed).toMatchObject({
      ok: false,
      error: { code: 'credentials', message: expect.stringContaining('does not match the signature') },
    });

    proxy.inject('DescribeStreamSummary', 'ExpiredTokenException', 1, HOSTILE);
    await tab.call('streams:detail', { name: stream });

    proxy.inject('GetRecords', 'InvalidSignatureException', 1, HOSTILE);
    const preview = await tab.call('preview:start', { stream, position: { type: 'TRIM_HORIZON' } });
    expect(preview.ok).toBe(true);
    await expect
      .poll(() => tab.events.some((e) => e.topic === 'session:status' && e.payload.kind === 'preview' && e.payload.state === 'stopped'))
      .toBe(true);

    proxy.inject('GetRecords', 'InvalidSignatureException', 1, HOSTILE);
    const run = await tab.call('runs:start', {
      spec: { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder: runFolder },
    });
    expect(run.ok).toBe(true);
    await expect
      .poll(() => tab.events.some((e) => e.topic === 'session:status' && e.payload.kind === 'run' && e.payload.state === 'stopped'))
      .toBe(true);

    const stops = tab.events.filter((e) => e.topic === 'session:status' && e.payload.state === 'stopped');
    expect(stops.map((e) => e.payload.reason)).toEqual(expect.arrayContaining([expect.stringContaining('[redacted]')]));
    expectNoCanary('a frame to the tab', frames.join('\n'));
    expectNoCanary('the log', logged.join('\n'));
    for (const file of [...(await filesUnder(dataDir)), ...(await filesUnder(runFolder))])
      expectNoCanary(file, await readFile(file, 'utf8'));
  });

  it('reaches nothing the CLI prints', async () => {
    proxy.inject('ListStreams', 'InvalidSignatureException', 1, HOSTILE);
    const streams = await runCli(['streams', '--endpoint', proxy.endpoint, '--region', server.region]);
    expect(streams.code).toBe(1);
    expect(streams.stderr).toContain('does not match the signature');
    expectNoCanary('streams output', streams.stdout + streams.stderr);

    proxy.inject('GetRecords', 'InvalidSignatureException', 1, HOSTILE);
    const tail = await runCli(['tail', stream, '--from', 'TRIM_HORIZON', '--endpoint', proxy.endpoint, '--region', server.region]);
    expect(tail.code).toBe(1);
    expect(tail.stderr).toContain('[redacted]');
    expectNoCanary('tail output', tail.stdout + tail.stderr);
  });
});

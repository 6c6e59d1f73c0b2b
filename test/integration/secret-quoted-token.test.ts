import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { recordingOwner, startTestApp, tempDataDir, type RecordingOwner } from '../support/app';
import { runCli } from '../support/cli';
import { quoteCanonicalRequest, startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

// Not shaped like an STS token (too short, not base64-long): only where AWS quotes it can tell.
const TOKEN = `CANARYTOKEN${randomBytes(16).toString('hex')}`;
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'ASIACANARYKEY0000000',
  AWS_SECRET_ACCESS_KEY: `canary-secret-${randomBytes(8).toString('hex')}`,
  AWS_SESSION_TOKEN: TOKEN,
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('a session token that AWS quotes back in its canonical request', () => {
  const dataDir = tempDataDir();
  const runFolder = path.join(tempDataDir(), 'run');
  const logged: string[] = [];
  const answers: unknown[] = [];
  const quotes: string[] = [];
  const source = uniqueName('quoted');
  const target = uniqueName('quoted-to');
  const saved = { ...process.env };
  let server: RunningKinesisServer;
  let proxy: FaultProxy;
  let app: ShardscopeApp;
  let owner: RecordingOwner;

  // The stand-in quotes the headers of the very request it refuses, as AWS does.
  const refuse = (operation: string, count = 1) =>
    proxy.inject(operation, 'InvalidSignatureException', count, (headers) => {
      const quote = quoteCanonicalRequest(headers);
      quotes.push(quote);
      return quote;
    });
  const call = async (channel: string, input: unknown) => {
    const answer = await app.dispatch(channel, input, owner);
    answers.push(answer);
    return answer;
  };
  const stopped = (kind: string) =>
    expect.poll(() => owner.of('session:status').some((s) => s.kind === kind && s.state === 'stopped'), { timeout: 20_000 }).toBe(true);

  beforeAll(async () => {
    Object.assign(process.env, CREDENTIALS);
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, source, 1);
    await createStream(client, target, 1);
    await put(client, source, [{ key: 'k', data: '{"i":1}' }]);
    proxy = await startFaultProxy(server.endpoint);
    app = await startTestApp({
      dataDir,
      connection: { kind: 'endpoint', endpoint: proxy.endpoint, region: server.region },
      logError: (m, e) => logged.push(`${m} ${e}`),
    });
    app.events.attach((topic, payload) => answers.push({ topic, payload }));
    owner = recordingOwner();
  });
  afterAll(async () => {
    process.env = saved;
    await app?.stop();
    await proxy?.close();
    await server?.stop();
  });

  it('connections:test says what AWS said, without the token', async () => {
    const profile = { name: 'quoted', region: server.region, endpoint: proxy.endpoint, source: { type: 'default-chain' } };
    expect(await call('connections:save', { profile })).toMatchObject({ ok: true });
    refuse('ListStreams');
    const tested = await call('connections:test', { name: 'quoted' });
    expect(tested).toMatchObject({ ok: true, value: { ok: false, message: expect.stringContaining('does not match the signature') } });
    expect(JSON.stringify(tested)).toContain('x-amz-security-token:[redacted]');
    expect(quotes.at(-1)).toContain(`x-amz-security-token:${TOKEN}`);
  });

  it('a refused call, a preview, a search, a run and a copy carry it nowhere', async () => {
    refuse('ListStreams');
    expect(await call('streams:names', {})).toMatchObject({ ok: false, error: { code: 'credentials' } });

    refuse('GetRecords');
    expect(await call('preview:start', { stream: source, position: { type: 'TRIM_HORIZON' } })).toMatchObject({ ok: true });
    await stopped('preview');

    refuse('GetRecords');
    const search = { stream: source, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, expression: 'true' };
    expect(await call('search:start', search)).toMatchObject({ ok: true });
    await stopped('search');

    refuse('GetRecords');
    const spec = { stream: source, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder: runFolder };
    expect(await call('runs:start', { spec })).toMatchObject({ ok: true });
    await stopped('run');
    const history = await call('runs:history', {});
    expect(history).toMatchObject({ ok: true, value: { runs: [expect.objectContaining({ outcome: 'failed' })] } });

    refuse('PutRecords', 50);
    const copy = { source, target, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' } };
    const estimate = await call('copies:estimate', { spec: copy, restart: true });
    expect(estimate).toMatchObject({ ok: true });
    const { token } = (estimate as { value: { token: string } }).value;
    expect(await call('copies:start', { spec: copy, restart: true, token })).toMatchObject({ ok: true });
    await stopped('copy');
    proxy.clear();

    const reasons = owner.of('session:status').filter((s) => s.state === 'stopped');
    expect(reasons.map((s) => s.kind).sort()).toEqual(['copy', 'preview', 'run', 'search']);
    for (const status of reasons) expect(status.reason, status.kind).toContain('[redacted]');
    expect(quotes.every((quote) => quote.includes(TOKEN))).toBe(true);
    expect(quotes.length).toBeGreaterThanOrEqual(5);
  });

  it('is in no answer, event, log line or file', async () => {
    const everything = [...answers, ...owner.received].map((item) => JSON.stringify(item)).join('\n');
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(TOKEN);
    expect(logged.join('\n')).not.toContain(TOKEN);
    const files = [...(await filesUnder(dataDir)), ...(await filesUnder(runFolder))];
    expect(files.map((file) => path.basename(file))).toEqual(expect.arrayContaining(['runs-history.jsonl', 'copy.json']));
    for (const file of files) expect(await readFile(file, 'utf8'), file).not.toContain(TOKEN);
  });

  it('is in nothing the CLI prints', async () => {
    const flags = ['--endpoint', proxy.endpoint, '--region', server.region];
    refuse('DescribeStreamSummary');
    const described = await runCli(['describe', source, ...flags], { env: CREDENTIALS });
    refuse('GetRecords');
    const tail = await runCli(['tail', source, '--from', 'TRIM_HORIZON', ...flags], { env: CREDENTIALS });
    for (const result of [described, tail]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('[redacted]');
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    }
    expect(quotes.at(-1)).toContain(TOKEN);
  });
});

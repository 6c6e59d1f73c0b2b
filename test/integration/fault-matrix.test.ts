import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import type { SessionStatus } from '../../shared/contract';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

// A call the proxy never answers must time out in seconds, not the 30 s a real link gets.
process.env.SHARDSCOPE_REQUEST_TIMEOUT_MS = '1500';

const RECORDS = 240;

function written(folder: string): number[] {
  return readdirSync(folder)
    .filter((name) => /^part-\d{5}\.jsonl$/.test(name))
    .sort()
    .flatMap((name) => readFileSync(path.join(folder, name), 'utf8').trim().split('\n').filter(Boolean))
    .map((line) => (JSON.parse(line) as { data: { n: number } }).data.n);
}

describe.each(kinesisServerKinds)('a run through faults on the wire (%s behind a fault proxy)', (kind) => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let proxy: FaultProxy;
  const stream = uniqueName('faults');

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    await put(
      client,
      stream,
      Array.from({ length: RECORDS }, (_, n) => ({ key: `k${n % 13}`, data: JSON.stringify({ n }) })),
    );
    proxy = await startFaultProxy(server.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await server?.stop();
  });

  /** Starts a run over the whole stream on `app` and waits for it to stop; returns its final status. */
  async function run(app: ShardscopeApp, folder: string, resume = false): Promise<SessionStatus> {
    const owner = recordingOwner();
    const started = await app.dispatch(
      'runs:start',
      { spec: { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder }, resume },
      owner,
    );
    expect(started).toMatchObject({ ok: true });
    const sessionId = (started as { value: { sessionId: string } }).value.sessionId;
    await expect
      .poll(() => owner.of('session:status').find((s) => s.sessionId === sessionId && s.state === 'stopped'), {
        timeout: 60_000,
        interval: 100,
      })
      .toBeTruthy();
    return owner.of('session:status').find((s) => s.sessionId === sessionId && s.state === 'stopped')!;
  }

  const everyRecordOnce = (folder: string) =>
    expect(written(folder).sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, n) => n));

  it.each<[string, Fault, number]>([
    ['connection resets mid-GetRecords', 'connection-reset', 3],
    ['GetRecords calls that are never answered (timeouts)', 'no-answer', 2],
    ['500 InternalFailure answers', 'InternalFailure', 3],
    ['503 ServiceUnavailable answers', 'ServiceUnavailable', 3],
    ['KMS throttling', 'KMSThrottlingException', 3],
    ['read throttling', 'ProvisionedThroughputExceededException', 3],
  ])('rides out %s and writes every record exactly once', async (_label, fault, count) => {
    const app = await startTestApp({ connection: { kind: 'endpoint', endpoint: proxy.endpoint, region: server.region } });
    try {
      const folder = path.join(tempDataDir(), 'out');
      const before = proxy.injected;
      proxy.inject('GetRecords', fault, count);
      const status = await run(app, folder);
      expect(status).toMatchObject({ stoppedBy: 'completed' });
      expect(proxy.injected - before).toBe(count);
      everyRecordOnce(folder);
    } finally {
      proxy.clear();
      await app.stop();
    }
  });

  it('stops with the reason when the session token expires, and a resume finishes with nothing lost or repeated', async () => {
    const app = await startTestApp({ connection: { kind: 'endpoint', endpoint: proxy.endpoint, region: server.region } });
    try {
      const folder = path.join(tempDataDir(), 'out');
      proxy.inject('GetRecords', 'ExpiredTokenException', 1);
      const stopped = await run(app, folder);
      expect(stopped).toMatchObject({
        stoppedBy: 'error',
        reason: expect.stringContaining('ExpiredTokenException: The security token included in the request is expired'),
      });
      const resumed = await run(app, folder, true);
      expect(resumed).toMatchObject({ stoppedBy: 'completed' });
      everyRecordOnce(folder);
    } finally {
      proxy.clear();
      await app.stop();
    }
  });

  it('keeps reading while credentials expire and are refreshed under it', async () => {
    let issued = 0;
    // Short-lived credentials, as SSO or an assumed role hands out: the SDK fetches new ones as each expires.
    const credentials = async () => ({
      accessKeyId: `ASIAREFRESH${String(++issued).padStart(5, '0')}`,
      secretAccessKey: 'refreshed-secret',
      sessionToken: 'token',
      expiration: new Date(Date.now() + 1_000),
    });
    const app = await startTestApp({ connection: { kind: 'endpoint', endpoint: proxy.endpoint, region: server.region, credentials } });
    try {
      const folder = path.join(tempDataDir(), 'out');
      const from = proxy.calls.length;
      const status = await run(app, folder);
      expect(status).toMatchObject({ stoppedBy: 'completed' });
      const keys = new Set(proxy.calls.slice(from).map((c) => c.accessKeyId));
      // A floor: the credentials last a second of real time, so how often they were renewed follows the run's length.
      expect(keys.size).toBeGreaterThanOrEqual(2);
      everyRecordOnce(folder);
    } finally {
      await app.stop();
    }
  });
});

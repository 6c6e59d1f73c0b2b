import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamSummaries } from '../../shared/contract';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { startTestApp } from '../support/app';
import { freePort, kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

describe.each(kinesisServerKinds)('streams through the dispatcher on %s', (kind) => {
  let server: RunningKinesisServer;
  let arrange: KinesisClient;
  let app: ShardscopeApp;

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    arrange = arrangeClient(server);
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
  });
  afterAll(async () => {
    await app?.stop();
    arrange?.destroy();
    await server?.stop();
  });

  it('describes every stream with its status, shards and retention', async () => {
    const names = [uniqueName('alpha'), uniqueName('beta'), uniqueName('gamma')].sort();
    await Promise.all(names.map((name, index) => createStream(arrange, name, index + 1)));

    const result = await app.dispatch('streams:summaries', { names });
    expect(result.ok).toBe(true);
    const list = (result as { value: StreamSummaries }).value;
    const ours = list.summaries;
    expect(ours.map((stream) => [stream.name, stream.status, stream.openShards, stream.retentionHours])).toEqual(
      names.map((name, index) => [name, 'ACTIVE', index + 1, 24]),
    );
    expect(ours.every((stream) => stream.mode === 'PROVISIONED')).toBe(true);
    expect(list.partialErrors).toEqual([]);
  });

  it('answers a malformed payload with a validation error', async () => {
    const result = await app.dispatch('streams:names', { limit: 'ten' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('reports the active connection without anything secret', async () => {
    const result = await app.dispatch('connections:active', undefined);
    expect(result).toEqual({ ok: true, value: { kind: 'endpoint', profile: null, label: new URL(server.endpoint).host, region: 'us-east-1', endpoint: server.endpoint } });
  });
});

describe('an endpoint nobody listens on', () => {
  it('fails with the unreachable code and a message a user understands', async () => {
    const port = await freePort();
    const app = await startTestApp({ connection: { kind: 'endpoint', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' } });
    try {
      const result = await app.dispatch('streams:names', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unreachable' } });
      expect(result.ok || result.error.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
    } finally {
      await app.stop();
    }
  });
});

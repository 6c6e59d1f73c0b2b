import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { PREVIEW_LIMIT } from '../../main/domain/engine/decode/preview-record';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import type { PreviewBatch, PreviewRecord } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';
import { createOwner, nobody } from '../../main/core/sessions/session-owner';

describe.each(kinesisServerKinds)('a preview session on %s', (kind) => {
  let server: RunningKinesisServer;
  let app: ShardscopeApp;
  const received: PreviewRecord[] = [];
  const big = JSON.stringify({ blob: 'x'.repeat(300_000) });

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    const client = arrangeClient(server);
    await createStream(client, 'previewed', 1);
    const [aggregate] = await aggregateUserRecords([
      { partitionKey: 'kpl-a', data: Buffer.from('{"n":1}') },
      { partitionKey: 'kpl-b', data: Buffer.from('{"n":2}') },
    ]);
    for (const [key, data] of [
      ['json', Buffer.from('{"status":"FAILED"}')],
      ['gzip', gzipSync('{"zipped":true}')],
      ['kpl', aggregate!.data],
      ['big', Buffer.from(big)],
      ['html', Buffer.from('<img src=x onerror="alert(1)">')],
    ] as const) {
      await client.send(new PutRecordCommand({ StreamName: 'previewed', PartitionKey: key, Data: data }));
    }
    client.destroy();
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
    const owner = createOwner(
      'preview-test',
      (topic, payload) => topic === 'preview:records' && received.push(...(payload as PreviewBatch).records),
    );
    const started = await app.dispatch('preview:start', { stream: 'previewed', position: { type: 'TRIM_HORIZON' } }, owner);
    if (!started.ok) throw new Error(started.error.message);
    const deadline = Date.now() + 15_000;
    while (received.length < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  it('sends every user record decoded, in shard order', () => {
    expect(received.map((r) => [r.partitionKey, r.encoding, r.compression, r.subSequenceNumber, r.json ?? null])).toEqual([
      ['json', 'json', null, null, { status: 'FAILED' }],
      ['gzip', 'json', 'gzip', null, { zipped: true }],
      ['kpl-a', 'json', null, 0, { n: 1 }],
      ['kpl-b', 'json', null, 1, { n: 2 }],
      ['big', 'json', null, null, null],
      ['html', 'text', null, null, null],
    ]);
    expect(received[5]!.text).toBe('<img src=x onerror="alert(1)">');
  });

  it('sends a large record as a cut preview and the whole of it on demand', async () => {
    const preview = received.find((r) => r.partitionKey === 'big')!;
    expect(preview).toMatchObject({ truncated: true, size: big.length });
    expect(preview.text).toHaveLength(PREVIEW_LIMIT);
    const full = await app.dispatch(
      'preview:record',
      { stream: 'previewed', shardId: preview.shardId, sequenceNumber: preview.sequenceNumber, subSequenceNumber: null },
      nobody,
    );
    expect(full).toMatchObject({ ok: true, value: { truncated: false, json: { blob: expect.any(String) } } });
    expect(((full as { value: PreviewRecord }).value.json as { blob: string }).blob).toHaveLength(300_000);
  });

  it('fetches one user record of an aggregate by its sub-sequence number', async () => {
    const second = received.find((r) => r.partitionKey === 'kpl-b')!;
    const full = await app.dispatch(
      'preview:record',
      { stream: 'previewed', shardId: second.shardId, sequenceNumber: second.sequenceNumber, subSequenceNumber: 1 },
      nobody,
    );
    expect(full).toMatchObject({ ok: true, value: { partitionKey: 'kpl-b', json: { n: 2 } } });
  });
});

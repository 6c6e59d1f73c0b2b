import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { createGlueClient } from '../../main/aws/clients';
import { startLocalGlueRegistry, type LocalGlueRegistry } from '../../main/domain/sandbox/registries/glue-registry-server';
import type { SessionStatus } from '../../shared/contract';
import { recordingOwner, startTestApp, type RecordingOwner } from '../support/app';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { loadEvent, loadRecordEncoder, putLoad, registerLoadSchemas } from '../support/schema-load';
import { arrangeClient, createStream } from '../support/sdk';

const RECORDS = 2_000;

const endOf = async (owner: RecordingOwner, sessionId: string): Promise<SessionStatus> => {
  await expect
    .poll(() => owner.of('session:status').some((s) => s.sessionId === sessionId && s.state === 'stopped'), { timeout: 30_000 })
    .toBe(true);
  return owner.of('session:status').find((s) => s.sessionId === sessionId && s.state === 'stopped')!;
};

const sessionOf = (result: unknown): string => {
  expect(result).toMatchObject({ ok: true });
  return (result as { value: { sessionId: string } }).value.sessionId;
};

// "Each schema version costs one GetSchemaVersion per connection per process": counted at the
// wire, between the app and the Glue stand-in, over a preview, a search and a run of one stream.
describe('Glue lookups of a connection, counted at the wire', () => {
  let kinesis: RunningKinesisServer;
  let client: KinesisClient;
  let registry: LocalGlueRegistry;
  let glue: GlueClient;
  let proxy: FaultProxy;
  let app: ShardscopeApp;
  const stream = 'page-views';

  beforeAll(async () => {
    kinesis = await startKinesisServer('kinesalite');
    client = arrangeClient(kinesis);
    registry = await startLocalGlueRegistry({ region: kinesis.region });
    glue = await createGlueClient({
      region: kinesis.region,
      endpoint: registry.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const versions = await registerLoadSchemas(glue);
    await createStream(client, stream, 2);
    await putLoad(client, stream, RECORDS, loadRecordEncoder('gsr-avro', versions));
    proxy = await startFaultProxy(registry.endpoint);
    app = await startTestApp({
      connection: { kind: 'endpoint', endpoint: kinesis.endpoint, region: kinesis.region, glueEndpoint: proxy.endpoint },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    glue?.destroy();
    await registry?.close();
    client?.destroy();
    await kinesis?.stop();
  });

  const lookups = () => proxy.calls.filter((call) => call.operation === 'GetSchemaVersion').length;

  it('asks Glue once per version, however many records, readers and kinds of read', async () => {
    const owner = recordingOwner();

    // Two previews at once: both meet both versions in their first pages.
    const previews = await Promise.all(
      [0, 1].map(async () =>
        sessionOf(await app.dispatch('preview:start', { stream, position: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' } }, owner)),
      ),
    );
    for (const sessionId of previews) await endOf(owner, sessionId);
    const shown = owner.of('preview:records').flatMap((batch) => batch.records);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((record) => record.schema?.name === 'page-view')).toBe(true);
    expect(new Set(shown.map((record) => record.schema?.version))).toEqual(new Set([1, 2]));

    const search = sessionOf(
      await app.dispatch(
        'search:start',
        {
          stream,
          from: { type: 'TRIM_HORIZON' },
          until: { type: 'caught-up' },
          expression: 'data.ok && data.amount > 600.0',
          wholeRecords: true,
        },
        owner,
      ),
    );
    expect((await endOf(owner, search)).result).toMatchObject({ kind: 'search', totals: { scanned: RECORDS, errors: 0 } });
    const expected = Array.from({ length: RECORDS }, (_, n) => loadEvent(n)).filter((event) => event.ok && event.amount > 600);
    const matched = owner.of('search:matches').flatMap((batch) => batch.records.map((record) => (record.json as { id: number }).id));
    expect(matched.sort((a, b) => a - b)).toEqual(expected.map((event) => event.id));

    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'shardscope-lookups-')), 'out');
    const spec = { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder };
    const run = sessionOf(await app.dispatch('runs:start', { spec }, owner));
    expect((await endOf(owner, run)).result).toMatchObject({ kind: 'run', summary: { outcome: 'completed', records: RECORDS } });
    const rows = readdirSync(folder)
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) => readFileSync(path.join(folder, name), 'utf8').trim().split('\n'))
      .map((line) => JSON.parse(line) as { data: { id: number }; schema?: { version: number } });
    expect(rows).toHaveLength(RECORDS);
    expect(rows.every((row) => row.schema?.version === (row.data.id % 2 === 0 ? 1 : 2))).toBe(true);

    expect(lookups()).toBe(2);
    expect(registry.calls.get('GetSchemaVersion')).toBe(2);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import { recordingOwner, startTestApp } from '../support/app';
import { runCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { gsrFrame } from '../support/gsr-frame';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw } from '../support/sdk';

const ORDER = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'amount', type: 'double' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'note', type: ['null', 'string'] },
  ],
};
const versionId = '7e57a0f0-0000-4000-8000-00000000a11d';
// avsc with no logical types writes the bytes, independently of the decoder under test.
const encode = (value: object) => avro.Type.forSchema(ORDER as avro.Schema).toBuffer(value);
const at = 1_700_000_000_000;

describe('schema-encoded records through the CLI and the api', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let app: ShardscopeApp;
  const folder = mkdtempSync(join(tmpdir(), 'shardscope-schema-'));
  const schemaFile = join(folder, 'order.avsc');
  const stream = 'orders';
  const expectedSchema = { registry: 'file', name: 'order.avsc', version: null, id: schemaFile, format: 'AVRO' };

  beforeAll(async () => {
    writeFileSync(schemaFile, JSON.stringify(ORDER));
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 1);
    const send = (key: string, data: Buffer) => client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: key, Data: data }));
    await send('gsr-1', gsrFrame(versionId, encode({ id: 1, amount: 150.5, at, note: 'first' })));
    await send('gsr-zlib', gsrFrame(versionId, encode({ id: 2, amount: 20, at: at + 1, note: null }), true));
    const [aggregate] = await aggregateUserRecords([
      { partitionKey: 'kpl-3', data: gsrFrame(versionId, encode({ id: 3, amount: 900, at: at + 2, note: null })) },
    ]);
    await send(aggregate!.partitionKey, aggregate!.data);
    await send('json-4', Buffer.from(JSON.stringify({ id: 4, amount: 1000 })));
    await send('corrupt', gsrFrame(versionId, Buffer.from([0x02])));
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
  });
  afterAll(async () => {
    await app?.stop();
    client?.destroy();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const lines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('tail --json --schema prints each GSR record decoded, with its schema, and leaves the rest as they are', async () => {
    const result = await runCli([
      'tail',
      stream,
      '--from',
      'oldest',
      '--until',
      'caught-up',
      '--json',
      '--schema',
      schemaFile,
      '--endpoint',
      server.endpoint,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const printed = lines(result.stdout).map(({ partitionKey, encoding, data, schema }) => ({ partitionKey, encoding, data, schema }));
    const corruptBytes = gsrFrame(versionId, Buffer.from([0x02])).toString('base64');
    expect(printed).toEqual([
      {
        partitionKey: 'gsr-1',
        encoding: 'json',
        data: { id: 1, amount: 150.5, at: '2023-11-14T22:13:20.000Z', note: 'first' },
        schema: expectedSchema,
      },
      {
        partitionKey: 'gsr-zlib',
        encoding: 'json',
        data: { id: 2, amount: 20, at: '2023-11-14T22:13:20.001Z', note: null },
        schema: expectedSchema,
      },
      {
        partitionKey: 'kpl-3',
        encoding: 'json',
        data: { id: 3, amount: 900, at: '2023-11-14T22:13:20.002Z', note: null },
        schema: expectedSchema,
      },
      { partitionKey: 'json-4', encoding: 'json', data: { id: 4, amount: 1000 }, schema: undefined },
      { partitionKey: 'corrupt', encoding: 'binary', data: corruptBytes, schema: undefined },
    ]);
  });

  it('search --schema evaluates CEL over the decoded fields', async () => {
    const result = await runCli([
      'search',
      stream,
      '--from',
      'oldest',
      '--where',
      'data.amount > 100.0 && has(data.at)',
      '--json',
      '--schema',
      schemaFile,
      '--endpoint',
      server.endpoint,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(lines(result.stdout).map((record) => record.partitionKey)).toEqual(['gsr-1', 'kpl-3']);
  });

  it('a schema file that cannot be used refuses the read, saying why', async () => {
    const result = await runCli([
      'tail',
      stream,
      '--from',
      'oldest',
      '--until',
      'caught-up',
      '--schema',
      join(folder, 'order.txt'),
      '--endpoint',
      server.endpoint,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/order\.txt is not a schema file Shardscope reads/);
  });

  it("keeps a stream's binding per connection, and the inspector's record is decoded with it", async () => {
    const owner = recordingOwner();
    expect(await app.dispatch('schemas:setBinding', { stream, mode: 'raw-with-file' }, owner)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const binding = { stream, mode: 'auto', file: { path: schemaFile } } as const;
    expect(await app.dispatch('schemas:setBinding', binding, owner)).toEqual({ ok: true, value: { bindings: [binding] } });
    expect(await app.dispatch('schemas:listBindings', {}, owner)).toEqual({ ok: true, value: { bindings: [binding] } });
    const first = (await readAllRaw(client, stream))[0]!;
    const key = { stream, shardId: first.shardId, sequenceNumber: first.sequenceNumber, subSequenceNumber: null };
    expect(await app.dispatch('preview:record', key, owner)).toMatchObject({
      ok: true,
      value: {
        encoding: 'json',
        json: { id: 1, amount: 150.5, note: 'first' },
        schema: expectedSchema,
        unionBranches: { '$.note': 'string' },
      },
    });
    expect(await app.dispatch('schemas:clearBinding', { stream }, owner)).toEqual({ ok: true, value: { bindings: [] } });
    expect(await app.dispatch('preview:record', key, owner)).toMatchObject({
      ok: true,
      value: { encoding: 'binary', error: expect.stringMatching(/no schema registry is set up/) },
    });
  });

  it('a binding set through the api reaches the CLI: tail and ingest decode with it, JSON Lines and Parquet', async () => {
    const owner = recordingOwner();
    await app.dispatch('schemas:setBinding', { stream, mode: 'auto', file: { path: schemaFile } }, owner);
    const home = { env: { SHARDSCOPE_HOME: app.dataDir } };
    const tail = await runCli(['tail', stream, '--from', 'oldest', '--until', 'caught-up', '--json', '--endpoint', server.endpoint], home);
    expect(tail.code, tail.stderr).toBe(0);
    expect(
      lines(tail.stdout)
        .filter((record) => record.schema)
        .map((record) => record.partitionKey),
    ).toEqual(['gsr-1', 'gsr-zlib', 'kpl-3']);
    for (const format of ['jsonl', 'parquet']) {
      const to = join(folder, `run-${format}`);
      const run = await runCli(['ingest', stream, '--to', to, '--format', format, '--endpoint', server.endpoint], home);
      expect(run.code, run.stderr).toBe(0);
      const file = join(
        to,
        readdirSync(to).find((name) => name.endsWith(`.${format}`))!,
      );
      if (format === 'jsonl')
        expect(lines(readFileSync(file, 'utf8')).map((row) => row.schema)).toEqual([
          expectedSchema,
          expectedSchema,
          expectedSchema,
          undefined,
          undefined,
        ]);
      const rows =
        format === 'jsonl'
          ? lines(readFileSync(file, 'utf8')).map((row) => ({
              key: row.partitionKey,
              ...(row.data as object),
            }))
          : await duckdb(
              `SELECT partitionKey AS key, id::INTEGER AS id, amount, typeof(id) AS idType, typeof("at") AS atType, strftime("at", '%Y-%m-%dT%H:%M:%S.%gZ') AS "at", note
               FROM read_parquet('${file}') ORDER BY sequenceNumber`,
            );
      // Parquet columns are typed from the writer's schema: the long is BIGINT, timestamp-millis a TIMESTAMP.
      if (format === 'parquet')
        expect(rows.slice(0, 3).map((row) => [(row as Record<string, unknown>).idType, (row as Record<string, unknown>).atType])).toEqual(
          Array(3).fill(['BIGINT', 'TIMESTAMP']),
        );
      expect(rows.slice(0, 3), format).toMatchObject([
        { key: 'gsr-1', id: 1, amount: 150.5, at: '2023-11-14T22:13:20.000Z', note: 'first' },
        { key: 'gsr-zlib', id: 2, amount: 20, at: '2023-11-14T22:13:20.001Z', note: null },
        { key: 'kpl-3', id: 3, amount: 900, at: '2023-11-14T22:13:20.002Z', note: null },
      ]);
    }
  });
});

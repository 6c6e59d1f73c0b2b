import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvent } from '../../main/domain/sandbox/demo-data';
import { tempDataDir } from '../support/app';
import { runCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const ORDERS = 200;

/** The sandbox's orders, numbered, with a field whose shape varies: an object in even records, a number in odd ones. */
function orders(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return { n, ...orderEvent(), extra: n % 2 === 0 ? { note: `even ${n}` } : n };
  });
}

/** Runs on kinesalite: objects and arrays of the records come back from Parquet as columns DuckDB can query by path. */
describe('Parquet runs of nested JSON, read back by DuckDB', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('nested');
  const written = orders(0, ORDERS);
  /** One run over the whole stream, shared by the tests that only read it. */
  const ingested = path.join(tempDataDir(), 'out');
  const flags = () => ['--endpoint', server.endpoint, '--region', server.region];
  const glob = (folder: string, name = 'part-*.parquet') => `read_parquet('${path.join(folder, name)}', union_by_name = true)`;

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    await put(
      client,
      stream,
      written.map((order) => ({ key: order.customerId, data: JSON.stringify(order) })),
    );
    const result = await runCli(['ingest', stream, '--to', ingested, '--format', 'parquet', '--quiet', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('writes objects as STRUCT and arrays as LIST: total.amount sums, items[1].sku and len(items) read', async () => {
    const folder = ingested;
    const [read] = await duckdb(
      `SELECT count(*) AS n, sum(total.amount) AS amount, sum(len(items)) AS items, count(DISTINCT total.currency) AS currencies FROM ${glob(folder)}`,
    );
    expect(read!.n).toBe(String(ORDERS));
    expect(read!.amount).toBeCloseTo(
      written.reduce((sum, order) => sum + order.total.amount, 0),
      6,
    );
    expect(read!.items).toBe(String(written.reduce((sum, order) => sum + order.items.length, 0)));
    expect(read!.currencies).toBe(String(new Set(written.map((order) => order.total.currency)).size));

    const firstItems = await duckdb(`SELECT n, items[1].sku AS sku, items[1].quantity AS quantity FROM ${glob(folder)} ORDER BY n`);
    expect(firstItems).toEqual(
      written.map((order) => ({ n: String(order.n), sku: order.items[0]!.sku, quantity: String(order.items[0]!.quantity) })),
    );
  });

  it('writes a field whose shape varies as JSON once: json_type is OBJECT and ->> reads a member', async () => {
    const folder = ingested;
    const types = Object.fromEntries((await duckdb(`DESCRIBE SELECT * FROM ${glob(folder)}`)).map((c) => [c.column_name, c.column_type]));
    expect(types).toMatchObject({
      total: 'STRUCT(amount DOUBLE, currency VARCHAR)',
      items: 'STRUCT(sku VARCHAR, quantity BIGINT, unitPrice DOUBLE)[]',
      extra: 'JSON',
    });
    const rows = await duckdb(`SELECT n, json_type(extra) AS kind, extra->>'note' AS note FROM ${glob(folder)} WHERE n < 4 ORDER BY n`);
    expect(rows).toEqual([
      { n: '0', kind: 'OBJECT', note: 'even 0' },
      { n: '1', kind: 'UBIGINT', note: null },
      { n: '2', kind: 'OBJECT', note: 'even 2' },
      { n: '3', kind: 'UBIGINT', note: null },
    ]);
  });

  it('resumes a run begun when objects were JSON with JSON columns, so every file of the run has one type', async () => {
    const folder = path.join(tempDataDir(), 'out');
    const first = await runCli(['ingest', stream, '--to', folder, '--format', 'parquet', '--until', 'count:50', '--quiet', ...flags()]);
    expect(first.code, first.stderr).toBe(0);
    // As an earlier version wrote it (no word on nested columns), stopped by the user before the tip.
    const manifest = JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.parquetNested;
    manifest.status = 'stopped';
    (manifest.spec as Record<string, unknown>).until = { type: 'caught-up' };
    writeFileSync(path.join(folder, 'run.json'), JSON.stringify(manifest));
    const resumed = await runCli(['ingest', stream, '--to', folder, '--resume', '--quiet', ...flags()]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const [files] = await duckdb(
      `SELECT count(DISTINCT filename) AS files, count(*) AS n FROM read_parquet('${folder}/part-*.parquet', filename = true)`,
    );
    expect(files).toEqual({ files: '2', n: String(ORDERS) });
    const types = Object.fromEntries(
      (await duckdb(`DESCRIBE SELECT * FROM ${glob(folder, 'part-00001.parquet')}`)).map((c) => [c.column_name, c.column_type]),
    );
    expect(types).toMatchObject({ total: 'JSON', items: 'JSON' });
    const resumedOrders = new Set((await duckdb(`SELECT n FROM ${glob(folder, 'part-00001.parquet')}`)).map((row) => Number(row.n)));
    const [read] = await duckdb(
      `SELECT sum((total->>'amount')::DOUBLE) AS amount, sum(json_array_length(items)) AS items, count(*) FILTER (WHERE json_type(total) = 'OBJECT') AS objects FROM ${glob(folder, 'part-00001.parquet')}`,
    );
    const expected = written.filter((order) => resumedOrders.has(order.n));
    expect(read!.amount).toBeCloseTo(
      expected.reduce((sum, order) => sum + order.total.amount, 0),
      6,
    );
    expect(read).toMatchObject({
      items: String(expected.reduce((sum, order) => sum + order.items.length, 0)),
      objects: String(expected.length),
    });
  });
});

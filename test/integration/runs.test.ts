import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import { tempDataDir } from '../support/app';
import { runCli, spawnCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The user records a test wrote: what every run over the whole stream must bring back, once each. */
interface Written {
  key: string;
  n: number;
}

function lines(folder: string): Record<string, unknown>[] {
  return readdirSync(folder)
    .filter((name) => /^part-\d{5}\.jsonl$/.test(name))
    .sort()
    .flatMap((name) =>
      readFileSync(path.join(folder, name), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    );
}

describe.each(kinesisServerKinds)('ingestion runs on %s', (kind) => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('ingest');
  const expected: Written[] = [];
  let between = '';
  const flags = () => ['--endpoint', server.endpoint];
  const folder = () => path.join(tempDataDir(), 'out');

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    // JSON whose fields drift: amount is an integer at first, then a fraction; a field appears late.
    const first = Array.from({ length: 120 }, (_, n) => ({
      key: `k${n % 17}`,
      data: JSON.stringify({ n, name: `item ${n}`, amount: n, tags: ['a', n], nested: { deep: n } }),
    }));
    await put(client, stream, first);
    expected.push(...first.map((r) => ({ key: r.key, n: JSON.parse(r.data).n as number })));
    await sleep(1_100);
    between = new Date().toISOString();
    await sleep(1_100);
    const second = Array.from({ length: 80 }, (_, i) => ({
      key: `k${i % 17}`,
      data: JSON.stringify({ n: 120 + i, name: `item ${120 + i}`, amount: i + 0.5, late: true }),
    }));
    await put(client, stream, second);
    expected.push(...second.map((r) => ({ key: r.key, n: JSON.parse(r.data).n as number })));
    await client.send(
      new PutRecordCommand({ StreamName: stream, PartitionKey: 'gz', Data: gzipSync(JSON.stringify({ n: 200, zipped: true })) }),
    );
    expected.push({ key: 'gz', n: 200 });
    const [aggregate] = await aggregateUserRecords(
      [201, 202, 203].map((n) => ({ partitionKey: `kpl-${n}`, data: Buffer.from(JSON.stringify({ n, kpl: true })) })),
    );
    await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: aggregate!.partitionKey, Data: aggregate!.data }));
    expected.push(...[201, 202, 203].map((n) => ({ key: `kpl-${n}`, n })));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('JSON Lines: every user record once (KPL split, gzip inflated), exactly the fields of tail --json', async () => {
    const to = folder();
    const result = await runCli(['ingest', stream, '--to', to, '--format', 'jsonl', '--json', ...flags()]);
    expect(result.stderr).toBe(result.stderr); // progress lines go to stderr; stdout holds only the summary
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ records: expected.length, rejects: 0, shards: 2, outcome: 'completed' });
    const got = lines(to);
    expect(got.map((l) => (l.data as { n: number }).n).sort((a, b) => a - b)).toEqual(expected.map((e) => e.n).sort((a, b) => a - b));
    expect(new Set(got.map((l) => `${l.sequenceNumber}/${l.subSequenceNumber ?? ''}`)).size).toBe(expected.length);
    expect(Object.keys(got[0]!)).toEqual([
      'shardId',
      'sequenceNumber',
      'partitionKey',
      'arrivalTime',
      'size',
      'compression',
      'encoding',
      'data',
    ]);
    expect(got.find((l) => l.partitionKey === 'gz')).toMatchObject({
      compression: 'gzip',
      encoding: 'json',
      data: { n: 200, zipped: true },
    });
    expect(got.filter((l) => String(l.partitionKey).startsWith('kpl-')).map((l) => l.subSequenceNumber)).toEqual([0, 1, 2]);
    // Nothing is left behind but the data, the manifest and (had there been any) the rejects.
    expect(readdirSync(to).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('Parquet: DuckDB reads back every record, typed, with drifting fields widened', async () => {
    const to = folder();
    const result = await runCli(['ingest', stream, '--to', to, '--format', 'parquet', '--quiet', ...flags()]);
    expect(result.code).toBe(0);
    const glob = `read_parquet('${to}/part-*.parquet', union_by_name = true)`;
    const [counts] = await duckdb(
      `SELECT count(*) AS n, count(DISTINCT (sequenceNumber, subSequenceNumber)) AS d, count(DISTINCT partitionKey) AS keys, sum(n) AS total FROM ${glob}`,
    );
    expect(counts).toEqual({
      n: String(expected.length),
      d: String(expected.length),
      keys: String(new Set(expected.map((e) => e.key)).size),
      total: String(expected.reduce((s, e) => s + e.n, 0)),
    });
    const types = Object.fromEntries((await duckdb(`DESCRIBE SELECT * FROM ${glob}`)).map((c) => [c.column_name, c.column_type]));
    expect(types).toMatchObject({
      arrivalTime: 'TIMESTAMP',
      subSequenceNumber: 'BIGINT',
      n: 'BIGINT',
      name: 'VARCHAR',
      late: 'BOOLEAN',
      zipped: 'BOOLEAN',
    });
    // amount was an integer in the first records and a fraction later: DOUBLE from the file where it widened.
    const amounts = await duckdb(`SELECT n, amount FROM ${glob} WHERE n IN (5, 125) ORDER BY n`);
    expect(amounts).toEqual([
      { n: '5', amount: 5 },
      { n: '125', amount: 5.5 },
    ]);
    const [kpl] = await duckdb(`SELECT count(*) AS n FROM ${glob} WHERE kpl AND subSequenceNumber IS NOT NULL`);
    expect(kpl!.n).toBe('3');
  });

  it('CSV with a tab delimiter: a header, metadata first, nested values as JSON, read back by DuckDB', async () => {
    const to = folder();
    const result = await runCli(['ingest', stream, '--to', to, '--format', 'csv', '--delimiter', '\\t', '--quiet', ...flags()]);
    expect(result.code).toBe(0);
    const first = readFileSync(path.join(to, 'part-00000.csv'), 'utf8').split('\r\n')[0]!;
    expect(first.split('\t').slice(0, 5)).toEqual(['shardId', 'sequenceNumber', 'subSequenceNumber', 'partitionKey', 'arrivalTime']);
    expect(first.split('\t').at(-1)).toBe('data');
    const glob = `read_csv('${to}/part-*.csv', delim = '\t', header = true, union_by_name = true, all_varchar = true)`;
    const [counts] = await duckdb(
      `SELECT count(*) AS n, count(DISTINCT (sequenceNumber, subSequenceNumber)) AS d, sum(n::INTEGER) AS total FROM ${glob}`,
    );
    expect(counts).toEqual({
      n: String(expected.length),
      d: String(expected.length),
      total: String(expected.reduce((s, e) => s + e.n, 0)),
    });
    const [row] = await duckdb(`SELECT tags, nested, name FROM ${glob} WHERE n = '7'`);
    expect(row).toEqual({ tags: '["a",7]', nested: '{"deep":7}', name: 'item 7' });
  });

  it('reshapes records with a JSONata mapping on the way, and says where a mapping does not compile', async () => {
    const to = folder();
    const result = await runCli([
      'ingest',
      stream,
      '--to',
      to,
      '--format',
      'parquet',
      '--map',
      '{ "id": n, "label": $uppercase(name), "double": n * 2 }',
      '--until',
      'count:120',
      '--quiet',
      ...flags(),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const rows = await duckdb(`SELECT id, label, double FROM read_parquet('${to}/part-*.parquet') WHERE id IN (3, 7) ORDER BY id`);
    expect(rows).toEqual([
      { id: '3', label: 'ITEM 3', double: '6' },
      { id: '7', label: 'ITEM 7', double: '14' },
    ]);
    const broken = await runCli(['ingest', stream, '--to', folder(), '--map', '{ "id": ', ...flags()]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/The mapping does not compile \(at character \d+\): /);
  });

  it('ends at a time: only records that arrived at or before it', async () => {
    const to = folder();
    const result = await runCli(['ingest', stream, '--to', to, '--until', between, '--json', '--quiet', ...flags()]);
    expect(result.code).toBe(0);
    expect(
      lines(to)
        .map((l) => (l.data as { n: number }).n)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 120 }, (_, n) => n));
  });

  it('ends after a count', async () => {
    const to = folder();
    expect((await runCli(['ingest', stream, '--to', to, '--until', 'count:50', '--quiet', ...flags()])).code).toBe(0);
    expect(lines(to)).toHaveLength(50);
  });

  it('puts records that do not fit a pinned schema in rejects.jsonl with the reason, and stops past --max-rejects', async () => {
    const schemaFile = path.join(tempDataDir(), 'schema.json');
    writeFileSync(
      schemaFile,
      JSON.stringify({
        columns: [
          { name: 'n', type: 'INT64' },
          { name: 'name', type: 'STRING' },
          { name: 'amount', type: 'DOUBLE' },
          { name: 'tags', type: 'JSON' },
          { name: 'nested', type: 'JSON' },
        ],
      }),
    );
    const to = folder();
    const result = await runCli([
      'ingest',
      stream,
      '--to',
      to,
      '--format',
      'parquet',
      '--schema',
      schemaFile,
      '--json',
      '--quiet',
      ...flags(),
    ]);
    expect(result.code).toBe(0);
    const rejects = readFileSync(path.join(to, 'rejects.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reason: string; record: { data: { n: number } } });
    // The 80 records with "late", the gzip one with "zipped" and the three KPL ones with "kpl".
    expect(rejects).toHaveLength(84);
    expect(rejects[0]!.reason).toMatch(/^field "(late|zipped|kpl)" is not in the pinned schema$/);
    expect(JSON.parse(result.stdout)).toMatchObject({ records: 120, rejects: 84 });
    const [row] = await duckdb(`SELECT count(*) AS n FROM read_parquet('${to}/part-*.parquet')`);
    expect(row!.n).toBe('120');

    const limited = await runCli([
      'ingest',
      stream,
      '--to',
      folder(),
      '--format',
      'parquet',
      '--schema',
      schemaFile,
      '--max-rejects',
      '10',
      '--quiet',
      ...flags(),
    ]);
    expect(limited.code).toBe(1);
    expect(limited.stderr).toMatch(/error: 11 of \d+ records were rejected, more than the reject limit of 10 allows/);
  });

  it('follows the stream, closing a file at each --roll-every, until interrupted (exit 0)', async () => {
    const to = folder();
    const child = spawnCli(['ingest', stream, '--to', to, '--until', 'follow', '--roll-every', '1s', '--quiet', ...flags()]);
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const complete = () =>
      readdirSync(path.dirname(to)).includes('out') ? readdirSync(to).filter((n) => /^part-\d{5}\.jsonl$/.test(n)) : [];
    await expect.poll(complete, { timeout: 15_000 }).not.toHaveLength(0);
    const more = await put(client, stream, [{ key: 'late', data: JSON.stringify({ n: 999 }) }]);
    // Later runs over the whole stream read it too.
    expected.push({ key: 'late', n: 999 });
    await expect.poll(() => lines(to).some((l) => l.sequenceNumber === more[0]!.sequenceNumber), { timeout: 15_000 }).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(lines(to)).toHaveLength(expected.length);
    expect(JSON.parse(readFileSync(path.join(to, 'run.json'), 'utf8')).status).toBe('stopped');
  });

  it('stops with the reason, instead of crashing, when its folder lock is taken away', async () => {
    const to = folder();
    const child = spawnCli(['ingest', stream, '--to', to, '--until', 'follow', '--quiet', ...flags()]);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    // Taken away once the run is under way (its run.json written), not while the lock is being made.
    await expect
      .poll(() => (readdirSync(path.dirname(to)).includes('out') ? readdirSync(to) : []), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['.shardscope.lock', 'run.json']));
    rmSync(path.join(to, '.shardscope.lock'), { recursive: true });
    expect(await exited).toBe(1);
    expect(stderr).toContain('The lock on');
    expect(stderr).toContain('carry on with the same run');
    // The same run outlives a lost lock: the CLI says to resume it, not to start over.
    expect(stderr).toContain('Carry it on with --resume.');
    expect(stderr).not.toContain('--restart');
  });

  it('refuses folders it cannot use, and resumes only its own run', async () => {
    const file = path.join(tempDataDir(), 'a-file');
    writeFileSync(file, 'x');
    const unwritable = await runCli(['ingest', stream, '--to', path.join(file, 'out'), ...flags()]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain(`Cannot create ${path.join(file, 'out')}: ${file} is a file, not a folder.`);

    const empty = folder();
    const noRun = await runCli(['ingest', stream, '--to', empty, '--resume', ...flags()]);
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toContain('holds no run to resume');

    const done = folder();
    expect((await runCli(['ingest', stream, '--to', done, '--quiet', ...flags()])).code).toBe(0);
    const again = await runCli(['ingest', stream, '--to', done, ...flags()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds a run of');
    const other = await runCli(['ingest', 'some-other-stream', '--to', done, '--resume', ...flags()]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`holds a run of stream ${stream}, not some-other-stream`);
    // A complete run resumed has nothing left to do, and says so.
    const resumed = await runCli(['ingest', stream, '--to', done, '--resume', '--json', ...flags()]);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ outcome: 'completed', records: expected.length });
  });
});

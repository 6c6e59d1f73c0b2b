import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import { MAX_OPEN_PARTITIONS } from '../../main/domain/runs/run-files';
import { RunSession } from '../../main/domain/runs/run-session';
import { runSpecSchema, type RunSpecInput } from '../../shared/contract/runs';
import { recordingOwner, tempDataDir } from '../support/app';
import { runCli, spawnCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const RECORDS = 1_200;
/** More regions than a unit may hold open, one with a slash, and every 50th record without one. */
const REGIONS = MAX_OPEN_PARTITIONS + 8;
const regionOf = (n: number) => (n % 50 === 0 ? undefined : n % REGIONS === 0 ? 'eu/west' : `r${n % REGIONS}`);

/** Every complete part under the folder, as paths relative to it. */
const parts = (folder: string) =>
  existsSync(folder)
    ? readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((name) => /(^|\/)part-\d{5}\.\w+$/.test(name))
        .sort()
    : [];

describe('a run partitioned Hive-style', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('parts');

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    const items = Array.from({ length: RECORDS }, (_, n) => ({
      key: `k${n % 13}`,
      data: JSON.stringify({ n, region: regionOf(n), pad: 'x'.repeat(60) }),
    }));
    for (let i = 0; i < RECORDS; i += 300) await put(client, stream, items.slice(i, i + 300));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  async function run(spec: Omit<RunSpecInput, 'stream' | 'from' | 'until'>) {
    const session = new RunSession(uniqueName('run'), recordingOwner(), {
      client: createKinesisClient({ region: server.region, endpoint: server.endpoint, credentials: TEST_CREDENTIALS }),
      spec: runSpecSchema.parse({ stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, ...spec }),
      resume: false,
    });
    await session.start();
    await session.ended;
    return session.summary!;
  }

  it('writes Parquet into dt=/hour= folders of each record’s UTC arrival, which DuckDB reads back with hive_partitioning', async () => {
    const folder = path.join(tempDataDir(), 'by-hour');
    const summary = await run({ format: 'parquet', folder, partitionBy: { type: 'arrival', unit: 'hour' } });
    expect(summary.outcome, summary.reason ?? '').toBe('completed');
    expect(parts(folder).length).toBeGreaterThan(0);
    for (const name of parts(folder)) expect(name).toMatch(/^dt=\d{4}-\d{2}-\d{2}\/hour=\d{2}\/part-\d{5}\.parquet$/);
    const [row] = await duckdb(
      `SELECT count(*) AS records, count(DISTINCT n) AS distinct_n,
         count(*) FILTER (WHERE dt <> strftime(make_timestamp(epoch_us(arrivalTime)), '%Y-%m-%d')
                             OR hour <> strftime(make_timestamp(epoch_us(arrivalTime)), '%H')) AS misfiled
       FROM read_parquet('${folder}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)`,
    );
    expect(row).toEqual({ records: String(RECORDS), distinct_n: String(RECORDS), misfiled: '0' });
  });

  it('writes CSV by arrival day, each file with its header, read back by DuckDB', async () => {
    const folder = path.join(tempDataDir(), 'by-day');
    const summary = await run({ format: 'csv', folder, partitionBy: { type: 'arrival', unit: 'day' } });
    expect(summary.outcome, summary.reason ?? '').toBe('completed');
    for (const name of parts(folder)) expect(name).toMatch(/^dt=\d{4}-\d{2}-\d{2}\/part-\d{5}\.csv$/);
    const [row] = await duckdb(
      `SELECT count(*) AS records, count(DISTINCT n) AS distinct_n, count(*) FILTER (WHERE dt <> left(arrivalTime::VARCHAR, 10)) AS misfiled
       FROM read_csv('${folder}/**/*.csv', hive_partitioning = true, hive_types_autocast = false, union_by_name = true, types = {'arrivalTime': 'VARCHAR'})`,
    );
    expect(row).toEqual({ records: String(RECORDS), distinct_n: String(RECORDS), misfiled: '0' });
  });

  it('partitions on a field of the mapped record, escaped, more values than it keeps open, each part numbered once', async () => {
    const folder = path.join(tempDataDir(), 'by-area');
    const map = '{"n": n, "area": region}';
    const summary = await run({ format: 'jsonl', folder, map, maxFileBytes: 4_096, partitionBy: { type: 'field', field: 'area' } });
    expect(summary.outcome, summary.reason ?? '').toBe('completed');
    const names = parts(folder);
    expect(names.some((name) => name.startsWith('area=eu%2Fwest/'))).toBe(true);
    expect(names.some((name) => name.startsWith('area=__HIVE_DEFAULT_PARTITION__/'))).toBe(true);
    const numbers = names.map((name) => name.slice(name.lastIndexOf('part-')));
    expect(new Set(numbers).size).toBe(names.length);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8'));
    expect(manifest.files.map((file: { name: string }) => file.name).sort()).toEqual(names);
    expect(manifest).toMatchObject({ nextPart: names.length, pending: null, totals: { records: RECORDS } });
    const [row] = await duckdb(
      `SELECT count(*) AS records, count(DISTINCT data.n) AS distinct_n, count(DISTINCT area) AS areas,
         count(*) FILTER (WHERE area IS DISTINCT FROM data.area) AS misfiled
       FROM read_json('${folder}/**/*.jsonl', hive_partitioning = true, hive_types_autocast = false)`,
    );
    expect(row).toEqual({ records: String(RECORDS), distinct_n: String(RECORDS), areas: String(REGIONS), misfiled: '0' });
  });

  it('lands every record exactly once across two SIGKILLs and a resume, partitioned by a field', async () => {
    const folder = path.join(tempDataDir(), 'crash-by-region');
    const args = [
      'ingest',
      stream,
      '--to',
      folder,
      '--partition-by',
      'region',
      '--max-file-size',
      '4KiB',
      '--rate',
      '800',
      '--quiet',
      '--endpoint',
      server.endpoint,
    ];
    const killMidway = async (extra: string[]) => {
      const before = parts(folder).length;
      const child = spawnCli([...args, ...extra]);
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise((resolve) => child.once('close', resolve));
      const deadline = Date.now() + 60_000;
      while (parts(folder).length < before + 3) {
        if (child.exitCode !== null) throw new Error(`ingest ended before it could be killed (${child.exitCode}): ${stderr}`);
        if (Date.now() > deadline) throw new Error(`ingest wrote no parts in time: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill('SIGKILL');
      await exited;
    };
    await killMidway([]);
    await killMidway(['--resume']);
    const finished = await runCli([...args, '--resume'], { timeoutMs: 120_000 });
    expect(finished.code, finished.stderr).toBe(0);

    const [row] = await duckdb(
      `SELECT count(*) AS records, count(DISTINCT data.n) AS distinct_n, count(*) FILTER (WHERE region IS DISTINCT FROM data.region) AS misfiled
       FROM read_json('${folder}/**/*.jsonl', hive_partitioning = true, hive_types_autocast = false)`,
    );
    expect(row).toEqual({ records: String(RECORDS), distinct_n: String(RECORDS), misfiled: '0' });
    expect(readdirSync(folder).filter((name) => name.startsWith('.part-'))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8'))).toMatchObject({
      status: 'completed',
      pending: null,
      totals: { records: RECORDS },
    });
  });
});

import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/app';
import { runCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const RECORDS = 5_000;
const META = ['shardId', 'sequenceNumber', 'subSequenceNumber', 'partitionKey', 'arrivalTime'];

describe('field names a run does not control (kinesalite)', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('columns');
  /** Record n carries one field named by a fresh UUID, whose value is n. */
  const fieldOf = new Map<number, string>();

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 1);
    for (let from = 0; from < RECORDS; from += 500) {
      const batch = Array.from({ length: 500 }, (_, i) => {
        const n = from + i;
        fieldOf.set(n, randomUUID());
        return { key: `k${n % 11}`, data: JSON.stringify({ n, [fieldOf.get(n)!]: n }) };
      });
      await put(client, stream, batch);
    }
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  /** Every record's UUID field is found with its value, in its own column or in _overflow. */
  function expectEveryFieldKept(rows: Record<string, unknown>[]): void {
    expect(rows).toHaveLength(RECORDS);
    const seen = new Set<number>();
    for (const row of rows) {
      const n = Number(row.n);
      const field = fieldOf.get(n)!;
      const overflow = row._overflow ? (JSON.parse(String(row._overflow)) as Record<string, unknown>) : {};
      const value = row[field] ?? overflow[field];
      expect(Number(value), `record ${n}`).toBe(n);
      seen.add(n);
    }
    expect(seen.size).toBe(RECORDS);
  }

  it('CSV: past --max-columns the fields go into _overflow, so files and headers stay bounded', async () => {
    const to = path.join(tempDataDir(), 'csv');
    const result = await runCli(
      ['ingest', stream, '--to', to, '--format', 'csv', '--max-columns', '100', '--json', '--endpoint', server.endpoint],
      {
        timeoutMs: 180_000,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ records: RECORDS, rejects: 0, outcome: 'completed' });
    const files = readdirSync(to).filter((name) => /^part-\d{5}\.csv$/.test(name));
    // A new file for each new field while the run has room for columns, then the rest in _overflow.
    // One shard and one new field a record, so the count is fixed by the data.
    expect(files.length).toBe(99);
    const glob = `read_csv('${to}/part-*.csv', header = true, union_by_name = true, all_varchar = true)`;
    const columns = (await duckdb(`DESCRIBE SELECT * FROM ${glob}`)).map((c) => c.column_name);
    expect(columns.length).toBe(META.length + 100 + 2);
    expect(columns).toContain('_overflow');
    expectEveryFieldKept(await duckdb(`SELECT * FROM ${glob}`));
  });

  it('Parquet: at most 1,000 columns by default, the rest in _overflow, nothing lost', async () => {
    const to = path.join(tempDataDir(), 'parquet');
    const result = await runCli(['ingest', stream, '--to', to, '--format', 'parquet', '--json', '--endpoint', server.endpoint], {
      timeoutMs: 180_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ records: RECORDS, rejects: 0, outcome: 'completed' });
    expect(readdirSync(to).filter((name) => name.endsWith('.parquet')).length).toBe(1);
    const glob = `read_parquet('${to}/*.parquet', union_by_name = true)`;
    const columns = (await duckdb(`DESCRIBE SELECT * FROM ${glob}`)).map((c) => c.column_name);
    expect(columns.length).toBe(META.length + 1_000 + 2);
    expect(columns).toContain('_overflow');
    expectEveryFieldKept(await duckdb(`SELECT * FROM ${glob}`));
  });
});

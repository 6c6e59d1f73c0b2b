import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordJson } from '../../main/domain/engine/decode/record-json';
import { parquetFormat } from '../../main/domain/runs/formats/parquet';
import { tempDataDir } from '../support/app';
import { duckdb } from '../support/duckdb';

/** The rows before a file's schema is fixed (its first row group). */
const ROW_GROUP_ROWS = 8_192;

const record = (n: number, data: Record<string, unknown>): RecordJson => ({
  shardId: 'shardId-000000000000',
  sequenceNumber: String(1_000 + n),
  partitionKey: `k${n % 7}`,
  arrivalTime: new Date(1_780_000_000_000 + n).toISOString(),
  size: 0,
  compression: null,
  encoding: 'json',
  data,
});

describe('Parquet files written by a run', () => {
  it('keeps one file past the first row group for values the pinned columns convert (a time as text, a number as STRING)', async () => {
    const format = parquetFormat('none', {
      columns: [
        { name: 'seenAt', type: 'TIMESTAMP' },
        { name: 'code', type: 'STRING' },
        { name: 'body', type: 'JSON' },
      ],
    });
    const file = path.join(tempDataDir(), 'pinned.parquet');
    const output = await format.open(file);
    const seenAt = (n: number) => 1_790_000_000_000 + n * 1_000;
    const make = (n: number) => record(n, { seenAt: new Date(seenAt(n)).toISOString(), code: n, body: { n, tags: ['a', n] } });
    for (let n = 0; n < ROW_GROUP_ROWS + 10; n++) {
      const next = make(n);
      expect(format.reject(next)).toBeNull();
      // A pinned file never needs closing for a record the schema took: it would roll a file per record.
      if (!output.fits(next)) throw new Error(`record ${n} would close the file`);
      await output.write(next);
    }
    await output.close();
    const [read] = await duckdb(
      `SELECT count(*) AS n, epoch_ms(max(seenAt)) AS latest,
        count(*) FILTER (WHERE json_type(body) = 'OBJECT' AND (body->>'n')::INT = code::INT) AS objects
       FROM read_parquet('${file}')`,
    );
    expect(read).toEqual({
      n: String(ROW_GROUP_ROWS + 10),
      latest: String(seenAt(ROW_GROUP_ROWS + 9)),
      objects: String(ROW_GROUP_ROWS + 10),
    });
  });

  it('keeps every key of a JSON value, "__proto__" too, in a varying field and in _overflow', async () => {
    const format = parquetFormat('none', undefined, 2);
    const file = path.join(tempDataDir(), 'keys.parquet');
    const output = await format.open(file);
    // Parsed, as a record arrives: "__proto__" is then a key like any other.
    const hostile = (n: number) => JSON.parse(`{"n":${n},"shape":${n % 2 ? n : '{"__proto__":{"x":1},"y":2}'},"late":{"__proto__":7}}`);
    for (let n = 0; n < 4; n++) await output.write(record(n, hostile(n) as Record<string, unknown>));
    await output.close();
    const rows = await duckdb(`SELECT n, shape::VARCHAR AS shape, _overflow::VARCHAR AS rest FROM read_parquet('${file}') ORDER BY n`);
    expect(rows).toEqual([
      { n: '0', shape: '{"__proto__":{"x":1},"y":2}', rest: '{"late":{"__proto__":7}}' },
      { n: '1', shape: '1', rest: '{"late":{"__proto__":7}}' },
      { n: '2', shape: '{"__proto__":{"x":1},"y":2}', rest: '{"late":{"__proto__":7}}' },
      { n: '3', shape: '3', rest: '{"late":{"__proto__":7}}' },
    ]);
  });

  it('closes the file for a field new inside a struct, and the next file has it, as for a new top-level field', async () => {
    const format = parquetFormat('none');
    const folder = tempDataDir();
    let output = await format.open(path.join(folder, 'part-0.parquet'));
    const order = (n: number) => record(n, { n, total: { amount: n + 0.5 } });
    for (let n = 0; n < ROW_GROUP_ROWS; n++) await output.write(order(n));
    const late = record(ROW_GROUP_ROWS, { n: ROW_GROUP_ROWS, total: { amount: 1, currency: 'EUR' } });
    expect(output.fits(late)).toBe(false);
    await output.close();
    output = await format.open(path.join(folder, 'part-1.parquet'));
    await output.write(late);
    await output.close();
    const rows = await duckdb(
      `SELECT n, total.amount AS amount, total.currency AS currency FROM read_parquet('${folder}/part-*.parquet', union_by_name = true) WHERE n IN (1, ${ROW_GROUP_ROWS}) ORDER BY n`,
    );
    expect(rows).toEqual([
      { n: '1', amount: 1.5, currency: null },
      { n: String(ROW_GROUP_ROWS), amount: 1, currency: 'EUR' },
    ]);
  });

  it("counts a struct's fields toward --max-columns: a struct that would pass the cap is JSON, and _overflow takes the rest", async () => {
    const format = parquetFormat('none', undefined, 3);
    const file = path.join(tempDataDir(), 'capped.parquet');
    const output = await format.open(file);
    await output.write(record(0, { a: 1, wide: { x: 1, y: 2, z: 3 }, small: { v: 1 }, more: 4 }));
    await output.close();
    const types = Object.fromEntries(
      (await duckdb(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).map((c) => [c.column_name, c.column_type]),
    );
    expect(types).toMatchObject({ a: 'BIGINT', wide: 'JSON', small: 'STRUCT(v BIGINT)', _overflow: 'JSON' });
    expect(types).not.toHaveProperty('more');
    const [row] = await duckdb(`SELECT wide->>'z' AS z, _overflow->>'more' AS more FROM read_parquet('${file}')`);
    expect(row).toEqual({ z: '3', more: '4' });
  });
});

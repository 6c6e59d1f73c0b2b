import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordJson } from '../../main/domain/decode/record-json';
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
});

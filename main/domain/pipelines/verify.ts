import { AppError } from '../../core/app-error';
import { queryDuckdb } from './duckdb';
import { outputFiles, sqlList, type OutputFiles } from './output-files';

export type ShardVerdict = 'ok' | 'gap' | 'mismatch' | 'duplicates' | 'run-only' | 'engine-only';
/** Verdicts that fail the check: the hand-over lost or doubled records. */
export const FAILING: ReadonlySet<ShardVerdict> = new Set(['gap', 'mismatch', 'duplicates']);

export interface ShardCheck {
  shardId: string;
  runRecords: number;
  engineRecords: number;
  /** Keys in both outputs: the records read twice around T, which the dedupe query drops once. */
  overlap: number;
  /** Extra copies of one key within one output: never expected. */
  duplicates: number;
  /** Engine records at or before the run's last record that the run lacks: the run skipped them. */
  missingFromRun: number;
  /** Run records at or after the engine's first record that the engine lacks. */
  missingFromEngine: number;
  runLast: string | null;
  engineFirst: string | null;
  verdict: ShardVerdict;
}

const columns = 'shardId, sequenceNumber, CAST(subSequenceNumber AS BIGINT) AS sub, partitionKey';

/** One SELECT of the key columns over every data file of a folder, whatever their formats. */
function keyRows(files: OutputFiles, folder: string): string {
  const parts: string[] = [];
  if (files.parquet.length)
    parts.push(`SELECT ${columns} FROM read_parquet(${sqlList(files.parquet)}, union_by_name = true, hive_partitioning = false)`);
  if (files.jsonl.length)
    parts.push(
      `SELECT ${columns} FROM read_json(${sqlList(files.jsonl)}, format = 'newline_delimited', ` +
        "columns = {shardId: 'VARCHAR', sequenceNumber: 'VARCHAR', subSequenceNumber: 'BIGINT', partitionKey: 'VARCHAR'})",
    );
  if (files.csv.length)
    parts.push(`SELECT ${columns} FROM read_csv(${sqlList(files.csv)}, header = true, all_varchar = true, union_by_name = true)`);
  if (!parts.length) throw new AppError('not-found', `${folder} holds no Parquet, JSON Lines or CSV files.`);
  return parts
    .map(
      (p) =>
        `SELECT CAST(shardId AS VARCHAR) AS shardId, CAST(sequenceNumber AS VARCHAR) AS sequenceNumber, sub, CAST(partitionKey AS VARCHAR) AS partitionKey FROM (${p})`,
    )
    .join(' UNION ALL ');
}

/**
 * Per shard: how many records each side holds, how many both hold (same shardId, sequenceNumber,
 * subSequenceNumber, a missing sub-sequence number counting as 0), and whether the two ranges meet.
 * An engine without shard ids (Spark) has its rows placed on the run's shard of the same
 * partition key and sequence number; rows the run never saw stay on the shard "(unknown)".
 */
function verifySql(run: string, engine: string): string {
  return `
WITH run AS (${run}),
engine_raw AS (${engine}),
engine AS (
  SELECT coalesce(e.shardId, (SELECT any_value(r.shardId) FROM run r WHERE r.partitionKey = e.partitionKey AND r.sequenceNumber = e.sequenceNumber), '(unknown)') AS shardId,
    e.sequenceNumber, e.sub
  FROM engine_raw e
),
all_rows AS (
  SELECT shardId, sequenceNumber, coalesce(sub, 0) AS sub, 'run' AS src FROM run
  UNION ALL SELECT shardId, sequenceNumber, coalesce(sub, 0), 'engine' FROM engine
),
keyed AS (
  SELECT shardId, sequenceNumber, sub, lpad(sequenceNumber, 128, '0') AS ord,
    count(*) FILTER (src = 'run') AS run_copies, count(*) FILTER (src = 'engine') AS engine_copies
  FROM all_rows GROUP BY ALL
),
bounds AS (
  SELECT shardId, max(ord) FILTER (run_copies > 0) AS run_last, min(ord) FILTER (engine_copies > 0) AS engine_first
  FROM keyed GROUP BY shardId
)
SELECT k.shardId AS "shardId",
  CAST(count(*) FILTER (run_copies > 0) AS INTEGER) AS "runRecords",
  CAST(count(*) FILTER (engine_copies > 0) AS INTEGER) AS "engineRecords",
  CAST(count(*) FILTER (run_copies > 0 AND engine_copies > 0) AS INTEGER) AS "overlap",
  CAST(sum(greatest(run_copies - 1, 0) + greatest(engine_copies - 1, 0)) AS INTEGER) AS "duplicates",
  CAST(count(*) FILTER (engine_copies > 0 AND run_copies = 0 AND ord <= b.run_last) AS INTEGER) AS "missingFromRun",
  CAST(count(*) FILTER (run_copies > 0 AND engine_copies = 0 AND ord >= b.engine_first) AS INTEGER) AS "missingFromEngine",
  arg_max(sequenceNumber, ord) FILTER (run_copies > 0) AS "runLast",
  arg_min(sequenceNumber, ord) FILTER (engine_copies > 0) AS "engineFirst"
FROM keyed k JOIN bounds b USING (shardId)
GROUP BY k.shardId ORDER BY k.shardId`;
}

function verdictOf(row: Omit<ShardCheck, 'verdict'>): ShardVerdict {
  if (row.duplicates > 0) return 'duplicates';
  if (row.missingFromRun > 0 || row.missingFromEngine > 0) return 'mismatch';
  if (row.runRecords === 0) return 'engine-only';
  if (row.engineRecords === 0) return 'run-only';
  // Both read the shard and no record is in both: nothing shows the engine began where the run ended.
  return row.overlap === 0 ? 'gap' : 'ok';
}

/** Compares a run's folder with a folder holding a copy of the engine's output, shard by shard. */
export async function verifyHandOver(runFolder: string, engineFolder: string): Promise<ShardCheck[]> {
  const [run, engine] = await Promise.all([outputFiles(runFolder), outputFiles(engineFolder)]);
  let rows: Record<string, unknown>[];
  try {
    rows = await queryDuckdb(verifySql(keyRows(run, runFolder), keyRows(engine, engineFolder)));
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A file without the key columns (not written by Shardscope or a generated asset) is the usual cause.
    throw new AppError('invalid-input', `The outputs could not be compared: ${(error as Error).message.split('\n')[0]}`);
  }
  return rows.map((row) => {
    const check = row as unknown as Omit<ShardCheck, 'verdict'>;
    return { ...check, verdict: verdictOf(check) };
  });
}

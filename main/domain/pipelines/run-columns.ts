import { AppError } from '../../core/app-error';
import { ColumnTypeError, parseDuckdbType, type PipelineColumn } from './column-types';
import { queryDuckdb } from './duckdb';
import { outputFiles, sqlString } from './output-files';
import { META_NAMES } from './pipeline-plan';

const readers = {
  parquet: (file: string) => `read_parquet(${sqlString(file)}, hive_partitioning = false)`,
  jsonl: (file: string) => `read_json_auto(${sqlString(file)}, format = 'newline_delimited')`,
  csv: (file: string) => `read_csv_auto(${sqlString(file)}, header = true)`,
};

/**
 * The record columns of a run as its first part holds them: for a schema-typed run these are the
 * writer schema's columns, for a JSON run the inferred ones (the first part is where a Parquet
 * run's columns are fixed; later parts only widen). Metadata columns are left out: every asset
 * writes its own.
 */
export async function runColumns(folder: string): Promise<PipelineColumn[]> {
  const files = await outputFiles(folder);
  const kind = (['parquet', 'jsonl', 'csv'] as const).find((k) => files[k].length > 0);
  if (!kind) throw new AppError('not-found', `The run in ${folder} has written no part yet: its columns are known from its first part.`);
  const rows = await queryDuckdb(`DESCRIBE SELECT * FROM ${readers[kind](files[kind][0]!)}`);
  const columns: PipelineColumn[] = [];
  for (const row of rows) {
    const name = String(row.column_name);
    if (META_NAMES.has(name)) continue;
    try {
      columns.push({ name, type: parseDuckdbType(String(row.column_type)) });
    } catch (error) {
      if (error instanceof ColumnTypeError) throw new AppError('invalid-input', `The run's column ${name}: ${error.message}`);
      throw error;
    }
  }
  return columns;
}

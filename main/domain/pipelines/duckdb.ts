import type * as DuckdbApi from '@duckdb/node-api';
import { AppError } from '../../core/app-error';

/**
 * DuckDB, loaded on first use: it is a native module of some 70 MB that only `pipeline` needs, so
 * nothing else in the app pays for it and a build without it still runs every other command.
 */
export async function queryDuckdb(sql: string): Promise<Record<string, unknown>[]> {
  let api: typeof DuckdbApi;
  try {
    api = await import('@duckdb/node-api');
  } catch (error) {
    throw new AppError('unavailable', `DuckDB could not be loaded (${(error as Error).message}); pipeline checks need it.`);
  }
  const instance = await api.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

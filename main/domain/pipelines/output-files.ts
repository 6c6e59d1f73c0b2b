import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/app-error';

export type OutputKind = 'parquet' | 'jsonl' | 'csv';

/** Files of each kind under a folder, at any depth (Hive partitions), leaving out bookkeeping. */
export interface OutputFiles {
  parquet: string[];
  jsonl: string[];
  csv: string[];
}

/** What is not data: Shardscope's manifest and rejects, Spark's commit log, Flink's and Hadoop's markers, temporary files. */
export function isBookkeeping(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_') || name === 'run.json' || /^rejects.*\.jsonl$/.test(name);
}

export function kindOf(name: string): OutputKind | null {
  if (/\.parquet$/i.test(name)) return 'parquet';
  if (/\.(jsonl|json|ndjson)(\.gz)?$/i.test(name)) return 'jsonl';
  if (/\.csv(\.gz)?$/i.test(name)) return 'csv';
  return null;
}

export async function outputFiles(folder: string): Promise<OutputFiles> {
  const found: OutputFiles = { parquet: [], jsonl: [], csv: [] };
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new AppError('not-found', `${folder} is not a folder.`);
    throw error;
  });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(folder, full).split(path.sep);
    if (relative.some(isBookkeeping)) continue;
    const kind = kindOf(entry.name);
    if (kind) found[kind].push(full);
  }
  for (const list of Object.values(found)) list.sort();
  return found;
}

export const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;
export const sqlList = (files: string[]) => `[${files.map(sqlString).join(', ')}]`;

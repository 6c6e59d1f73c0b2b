import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../core/app-error';
import { nodeFileOps, type FileOps } from '../files/file-ops';

/** How far a shard is in the complete files: the last user record in them, and whether the shard is finished. */
export const shardMarkSchema = z.object({
  sequenceNumber: z.string().nullable(),
  /** Set when that record is one user record of a KPL aggregate. */
  subSequenceNumber: z.number().int().nullable(),
  /** reading: more to come; ended: closed by resharding and read to its end; done: the range ended on it. */
  state: z.enum(['reading', 'ended', 'done']),
});
export type ShardMark = z.infer<typeof shardMarkSchema>;

/**
 * A manifest file read and checked against its schema: null when there is none, a clear error
 * when it is not JSON or not this kind of manifest (another tool's file, or a damaged one).
 */
export async function readManifestFile<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('invalid-input', `${file} is not valid JSON: it is not a Shardscope ${what}, or it was damaged.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'invalid-input',
      `${file} is not a Shardscope ${what} manifest (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`,
    );
  return parsed.data;
}

/** Written atomically, then the folder is synced, so the rename itself survives a power cut. */
export async function saveManifestFile(folder: string, name: string, text: string, ops: FileOps = nodeFileOps): Promise<void> {
  await ops.writeFileAtomic(path.join(folder, name), text);
  await ops.syncFolder(folder);
}

/**
 * A job taken up again: one that completed stays as it is (it starts, finds nothing to do and
 * ends); any other is marked running again, its old reason gone, before it writes anything.
 */
export async function reopenForResume<M extends { status: string; reason: string | null }>(
  manifest: M,
  save: (manifest: M) => Promise<void>,
): Promise<M> {
  if (manifest.status === 'completed') return manifest;
  const running = { ...manifest, status: 'running', reason: null };
  await save(running);
  return running;
}

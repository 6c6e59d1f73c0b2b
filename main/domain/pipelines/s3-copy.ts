import type { S3Client } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import { ObjectStore, type StoredObject } from '../engine/objects/object-store';
import { parseS3Location } from '../engine/objects/s3-location';
import { isBookkeeping, kindOf } from './output-files';

/**
 * What verify and the hand-over copy to this machine at most. DuckDB here cannot read S3 itself
 * (httpfs is not bundled and cannot be fetched offline), so the objects come down first; past
 * this a laptop's temp folder is the wrong place to count them.
 */
export const MAX_COPY_BYTES = 2 * 1024 ** 3;

/** The objects copied, in parallel this many at a time. */
const DOWNLOADS_IN_FLIGHT = 4;

export type CopyWhat = 'run' | 'engine-output';

export interface CopyOptions {
  /** Only run.json and the run's first part: enough for its columns (the hand-over). */
  firstPartOnly?: boolean;
  maxBytes?: number;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The data objects of an engine's output: any Parquet, JSON Lines or CSV below the prefix, not bookkeeping. */
function dataObjects(objects: StoredObject[]): StoredObject[] {
  return objects.filter((o) => !o.key.split('/').some(isBookkeeping) && kindOf(o.key.split('/').pop()!) !== null);
}

/** The parts a run's run.json vouches for: a part its manifest does not list is not (yet) the run's. */
function runObjects(objects: StoredObject[], manifestText: string, url: string): StoredObject[] {
  let names: string[];
  try {
    names = (JSON.parse(manifestText) as { files?: { name: string }[] }).files?.map((f) => f.name) ?? [];
  } catch {
    throw new AppError('invalid-input', `${url}run.json is not a run's manifest (not JSON).`);
  }
  const byKey = new Map(objects.map((o) => [o.key, o]));
  return names.map((name) => byKey.get(name)).filter((o): o is StoredObject => o !== undefined);
}

/** A key as a path below `folder`; a key that would climb out of it is refused, never written. */
function localPath(folder: string, key: string, url: string): string {
  const file = path.resolve(folder, ...key.split('/'));
  if (!file.startsWith(folder + path.sep))
    throw new AppError('invalid-input', `${url}${key} is not a name Shardscope can copy to a folder.`);
  return file;
}

/**
 * Copies a run's or an engine's output from `s3://…` to a temporary folder, runs `body` on it as
 * the folder path would, and removes the copy whatever happens. Nothing in S3 is changed.
 */
export async function withLocalCopy<T>(
  client: S3Client,
  url: string,
  what: CopyWhat,
  body: (folder: string) => Promise<T>,
  options: CopyOptions = {},
): Promise<T> {
  const location = parseS3Location(url);
  const store = new ObjectStore(client, location);
  const shown = store.urlOf('');
  const manifest = what === 'run' ? await store.read('run.json') : null;
  if (what === 'run' && !manifest) throw new AppError('not-found', `${shown} holds no run (no run.json).`);
  const listed = await store.list();
  let wanted = manifest ? runObjects(listed, manifest.text, shown) : dataObjects(listed);
  if (options.firstPartOnly) wanted = wanted.slice(0, 1);
  if (!manifest && wanted.length === 0) throw new AppError('not-found', `${shown} holds no Parquet, JSON Lines or CSV files.`);
  const total = wanted.reduce((sum, o) => sum + o.size, 0);
  const limit = options.maxBytes ?? MAX_COPY_BYTES;
  if (total > limit)
    throw new AppError(
      'invalid-input',
      `${shown} holds ${mib(total)} of data, more than the ${mib(limit)} Shardscope copies to this machine to read it: ` +
        'copy it to a folder yourself (aws s3 cp --recursive) where there is room, and give that folder.',
    );
  const folder = await mkdtemp(path.join(tmpdir(), 'shardscope-s3-'));
  try {
    if (manifest) await writeFile(path.join(folder, 'run.json'), manifest.text, { mode: 0o600 });
    const queue = [...wanted];
    const worker = async () => {
      for (let object = queue.shift(); object; object = queue.shift()) {
        const file = localPath(folder, object.key, shown);
        await mkdir(path.dirname(file), { recursive: true });
        await store.download(object.key, file);
      }
    };
    await Promise.all(Array.from({ length: DOWNLOADS_IN_FLIGHT }, worker));
    try {
      return await body(folder);
    } catch (error) {
      // The temporary copy is gone once this returns: the user is told of the place they named.
      if (error instanceof AppError)
        throw new AppError(error.code, error.message.replaceAll(`${folder}${path.sep}`, shown).replaceAll(folder, shown), error.remedy);
      throw error;
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { RunSpec } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { loadManifest, newManifest, recover, saveManifest, type RunManifest } from './manifest';

const LOCK = '.shardscope.lock';
/** Beside the lock, not in it: proper-lockfile watches the lock folder's mtime, which a file inside would change. */
const OWNER = '.shardscope.lock.owner';

/** The lock's owner is a process of this machine that no longer exists (killed with -9, say). */
async function ownerIsGone(folder: string): Promise<boolean> {
  const owner = await readFile(path.join(folder, OWNER), 'utf8').catch(() => '');
  const [pid, host] = owner.split(' ');
  if (!pid || host !== hostname()) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Makes sure no other run writes to the folder at the same time (another window, another CLI).
 * proper-lockfile keeps the lock fresh while the run lives; the lock also names its process, so
 * a run resumed right after a kill -9 takes over at once instead of waiting for the lock to go stale.
 */
export async function lockFolder(folder: string, onLost: (reason: string) => void): Promise<() => Promise<void>> {
  const options = {
    lockfilePath: path.join(folder, LOCK),
    stale: 15_000,
    update: 5_000,
    retries: 0,
    realpath: false,
    // proper-lockfile's default throws from a timer, which would end the process: the run stops instead.
    onCompromised: () =>
      onLost(
        `The lock on ${folder} was lost (removed, or taken by another process), so this run stopped writing. What is complete is kept; carry on with --resume.`,
      ),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    if (!(await ownerIsGone(folder))) throw new AppError('conflict', `Another run is writing to ${folder} right now.`);
    await rm(path.join(folder, LOCK), { recursive: true, force: true });
    release = await lockfile.lock(folder, options).catch(() => {
      throw new AppError('conflict', `Another run is writing to ${folder} right now.`);
    });
  }
  const owner = path.join(folder, OWNER);
  await writeFile(owner, `${process.pid} ${hostname()}`);
  return async () => {
    await release();
    await rm(owner, { force: true });
  };
}

/**
 * The run's manifest: a new one for a new run in a folder with no run in it, or the folder's own
 * (put back in order after a crash) for --resume of the same stream.
 */
export async function openManifest(spec: RunSpec, resume: boolean): Promise<RunManifest> {
  const existing = await loadManifest(spec.folder);
  if (resume) {
    if (!existing) throw new AppError('invalid-input', `${spec.folder} holds no run to resume (there is no run.json in it).`);
    if (existing.spec.stream !== spec.stream) {
      throw new AppError(
        'invalid-input',
        `${spec.folder} holds a run of stream ${existing.spec.stream}, not ${spec.stream}: resume it with that stream, or choose another folder.`,
      );
    }
    const recovered = await recover(spec.folder, existing);
    if (recovered.status === 'completed') return recovered;
    const running = { ...recovered, status: 'running' as const, reason: null };
    await saveManifest(spec.folder, running);
    return running;
  }
  if (existing)
    throw new AppError(
      'conflict',
      `${spec.folder} already holds a run of ${existing.spec.stream}: carry it on with --resume, or choose another folder.`,
    );
  const strangers = (await readdir(spec.folder)).filter((name) => name.startsWith('part-') || name === 'rejects.jsonl');
  if (strangers.length)
    throw new AppError('conflict', `${spec.folder} already holds data files (${strangers[0]}…) but no run: choose an empty folder.`);
  const manifest = newManifest(spec);
  await saveManifest(spec.folder, manifest);
  return manifest;
}

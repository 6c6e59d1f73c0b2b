import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { AppError } from '../../../core/app-error';

const LOCK = '.shardscope.lock';
/** Inside the lock folder, so a lock never exists without its owner and goes when the lock goes. */
const OWNER = 'owner.json';
const TAKEOVER = '.shardscope.takeover';

interface LockOwner {
  pid: number;
  host: string;
  /** Tells this lock from a later one of a process that got the same pid. */
  token: string;
}

async function ownerOf(lockPath: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(path.join(lockPath, OWNER), 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.token === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

/**
 * A process killed with -9 stays a zombie until its parent reaps it, and signal 0 still reaches
 * a zombie; Linux's /proc says which it is.
 */
async function processIsGone(pid: number): Promise<boolean> {
  if (process.platform === 'linux') {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (stat !== null) return ['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * The lock is taken by renaming a folder that already holds its owner into place: proper-lockfile
 * makes it with mkdir, and an owner written after that leaves a moment where a second process
 * sees the lock with no owner, or with a dead process's owner left beside it, and takes it too.
 */
async function createLock(lockPath: string, owner: LockOwner): Promise<void> {
  const taken = () => Object.assign(new Error(`${lockPath} exists`), { code: 'EEXIST' });
  // rename replaces an empty folder: a lock without an owner (an older Shardscope's) is not replaced.
  if (
    await lstat(lockPath).then(
      () => true,
      () => false,
    )
  )
    throw taken();
  const draft = `${lockPath}.${owner.token}`;
  await mkdir(draft);
  try {
    await writeFile(path.join(draft, OWNER), JSON.stringify(owner));
    await rename(draft, lockPath);
  } catch (error) {
    await rm(draft, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') throw taken();
    throw error;
  }
}

/** proper-lockfile with the lock made by createLock, and removed with the owner inside it. */
function lockFs(owner: LockOwner) {
  return {
    ...fs,
    mkdir: (lockPath: string, done: (error: Error | null) => void) => void createLock(lockPath, owner).then(() => done(null), done),
    rmdir: (lockPath: string, done: (error: Error | null) => void) => fs.rm(lockPath, { recursive: true, force: true }, done),
    rmdirSync: (lockPath: string) => fs.rmSync(lockPath, { recursive: true, force: true }),
  };
}

/**
 * Removes a lock whose owner is a process of this machine that no longer exists. Several
 * processes may find the same dead owner at once: a second, short lock serializes them, and under
 * it the lock is removed only if it is still that owner's, so one of them takes over, not each in turn.
 */
async function takeOverFromGone(folder: string, lockPath: string, owner: LockOwner): Promise<boolean> {
  const dead = await ownerOf(lockPath);
  if (!dead || dead.host !== hostname() || !(await processIsGone(dead.pid))) return false;
  const takeover = path.join(folder, TAKEOVER);
  let release: () => Promise<void>;
  try {
    // Held for milliseconds; one left by a process killed meanwhile goes stale in seconds.
    release = await lockfile.lock(takeover, {
      lockfilePath: takeover,
      stale: 5_000,
      retries: 0,
      realpath: false,
      fs: lockFs(owner),
      onCompromised: () => {},
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return false;
    throw error;
  }
  try {
    if ((await ownerOf(lockPath))?.token !== dead.token) return false;
    await rm(lockPath, { recursive: true, force: true });
    return true;
  } finally {
    await release();
  }
}

/**
 * Makes sure no other run writes to the folder at the same time (another window, another CLI).
 * proper-lockfile keeps the lock fresh while the run lives; the lock also names its process, so
 * a run resumed right after a kill -9 takes over at once instead of waiting for the lock to go stale.
 */
export async function lockFolder(folder: string, onLost: (lost: AppError) => void): Promise<() => Promise<void>> {
  const lockPath = path.join(folder, LOCK);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomUUID() };
  const options = {
    lockfilePath: lockPath,
    stale: 15_000,
    update: 5_000,
    retries: 0,
    realpath: false,
    fs: lockFs(owner),
    // proper-lockfile's default throws from a timer, which would end the process: the run stops instead.
    onCompromised: () =>
      onLost(
        new AppError(
          'conflict',
          `The lock on ${folder} was lost (removed, or taken by another process), so this run stopped writing. What is complete is kept; carry on with the same run.`,
          'resume',
        ),
      ),
  };
  const busy = () => new AppError('conflict', `Another run is writing to ${folder} right now.`);
  try {
    return await lockfile.lock(folder, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
  }
  if (!(await takeOverFromGone(folder, lockPath, owner))) throw busy();
  return lockfile.lock(folder, options).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ELOCKED' ? busy() : error;
  });
}

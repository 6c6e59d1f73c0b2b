import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * Runs `change` while holding the lock every process (the app, the CLI, the browser host) takes
 * before changing one of the data folder's shared files, so a read-change-write by one never
 * overwrites another's.
 *
 * The lock is a sibling `FILE.lock`, not FILE itself, because the file may not exist yet. A lock
 * lost mid-change (the machine slept past `stale`) costs that change at most, never the process:
 * proper-lockfile's default would throw from a timer.
 */
export async function withDataFileLock<T>(file: string, change: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const release = await lockfile.lock(file, {
    realpath: false,
    lockfilePath: `${file}.lock`,
    stale: 10_000,
    retries: { retries: 40, minTimeout: 25, maxTimeout: 250 },
    onCompromised: () => {},
  });
  try {
    return await change();
  } finally {
    await release().catch(() => {});
  }
}

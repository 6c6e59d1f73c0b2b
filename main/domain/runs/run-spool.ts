import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** Whether a process id is alive on this machine (EPERM: alive, another user's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Where a run into S3 writes its parts before they are uploaded: a folder of this process's own
 * under the app's data folder, private to the user (parts hold stream data), grouped by the S3
 * location so that a resume can clear what a killed run of the same place left behind. The
 * process id in the name tells a dead run's spool from a live one's (two runs of one prefix may
 * run at once; only one of them can commit, but neither may pull the other's spool away).
 */
export class RunSpool {
  private readonly base: string;
  readonly folder: string;

  constructor(dataDir: string, location: string) {
    const place = createHash('sha256').update(location).digest('hex').slice(0, 16);
    this.base = path.join(dataDir, 'run-spool', place);
    this.folder = path.join(this.base, `${process.pid}-${randomUUID()}`);
  }

  async create(): Promise<void> {
    await mkdir(path.dirname(this.base), { recursive: true, mode: 0o700 });
    await mkdir(this.base, { recursive: true, mode: 0o700 });
    await mkdir(this.folder, { mode: 0o700 });
  }

  async remove(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }

  /** Removes the spools of this location whose process has died: nothing will upload them now. */
  async clearStale(): Promise<void> {
    const names = await readdir(this.base).catch(() => [] as string[]);
    for (const name of names) {
      const pid = Number(name.split('-')[0]);
      // This process's spools (its own, or a run beside it in the same app) are live.
      if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
      await rm(path.join(this.base, name), { recursive: true, force: true });
    }
  }
}

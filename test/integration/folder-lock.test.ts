import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { lockFolder } from '../../main/domain/engine/files/folder-lock';
import { tempDataDir } from '../support/app';

const holder = path.resolve('test', 'support', 'lock-holder.ts');

/** The lines a process prints, one at a time, as they come. */
function linesOf(child: ChildProcess): () => Promise<string> {
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return async () => {
    const next = await lines.next();
    if (next.done) throw new Error('the process ended before printing what was awaited');
    return next.value;
  };
}

/** The state letter of /proc/PID/stat (R, S, Z…), or null once the process is gone. */
function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return null;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.runIf(process.platform === 'linux')('the folder lock', () => {
  it('takes over at once from an owner killed with -9 that its parent has not reaped (a zombie)', async () => {
    const folder = tempDataDir();
    // sh starts the holder, then becomes `sleep`, which never waits for it: killed, it stays a zombie.
    const parent = spawn('sh', ['-c', '"$0" --import tsx "$1" "$2" & echo $!; exec sleep 600', process.execPath, holder, folder], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const next = linesOf(parent);
      const pid = Number(await next());
      expect(await next()).toBe('locked');
      process.kill(pid, 'SIGKILL');
      await until(() => processState(pid) === 'Z', `process ${pid} to be a zombie`);
      const release = await lockFolder(folder, () => {});
      const owner = JSON.parse(readFileSync(path.join(folder, '.shardscope.lock', 'owner.json'), 'utf8'));
      expect(owner.pid).toBe(process.pid);
      expect(processState(pid)).toBe('Z');
      await release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('refuses a second run while the owner lives', async () => {
    const folder = tempDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', holder, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      expect(await linesOf(child)()).toBe('locked');
      await expect(lockFolder(folder, () => {})).rejects.toThrow(`Another run is writing to ${folder} right now.`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('lets exactly one of several resumers take over from a dead owner, each time', async () => {
    // Resumers started a few event-loop turns apart: each is at another step of taking the lock
    // when the next looks at it, which is where a lock without its owner would let two in.
    const turnsApart = [1, 2, 3, 2];
    for (const [round, turns] of turnsApart.entries()) {
      const folder = tempDataDir();
      const child = spawn(process.execPath, ['--import', 'tsx', holder, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
      expect(await linesOf(child)()).toBe('locked');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      await until(() => processState(child.pid!) === null, 'the killed holder to be reaped');
      const resumer = async (index: number) => {
        for (let turn = 0; turn < index * turns; turn++) await new Promise((resolve) => setImmediate(resolve));
        return lockFolder(folder, () => {});
      };
      const attempts = await Promise.allSettled(Array.from({ length: 8 }, (_, index) => resumer(index)));
      const held = attempts.filter((a) => a.status === 'fulfilled');
      const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(held, `round ${round}`).toHaveLength(1);
      for (const attempt of refused) expect(String(attempt.reason)).toContain('Another run is writing');
      for (const attempt of held) await attempt.value();
    }
  });
});

// The CLI as its own process, as a user starts it: its output, its exit, and its peak RSS
// sampled from /proc (so a benchmark's figure is the app's memory, not the harness's).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const entry = path.resolve('main', 'hosts', 'cli', 'main.ts');

export interface CliProcess {
  child: ReturnType<typeof spawn>;
  done: Promise<{ code: number | null; stdout: string; stderr: string; peakRssMiB: number }>;
  firstLine: Promise<string>;
  /** The first capture of `pattern` in stdout, once printed: what a long-running command (sandbox) says it listens on. */
  printed(pattern: RegExp): Promise<string>;
}

export function cli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { ...process.env, SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'bench-home-')), ...env },
  });
  let stdout = '';
  let peak = 0;
  const sample = () => {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      if (rss) peak = Math.max(peak, Number(rss) / 1024);
    } catch {
      // The process has just gone.
    }
  };
  const timer = setInterval(sample, 50);
  const waiting: { pattern: RegExp; resolve: (capture: string) => void }[] = [];
  const settle = () => {
    for (const wait of [...waiting]) {
      const capture = wait.pattern.exec(stdout)?.[1];
      if (capture === undefined) continue;
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(capture);
    }
  };
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    settle();
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string; peakRssMiB: number }>((resolve) =>
    child.once('close', (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, peakRssMiB: peak });
    }),
  );
  const printed = (pattern: RegExp) =>
    Promise.race([
      new Promise<string>((resolve) => {
        waiting.push({ pattern, resolve });
        settle();
      }),
      done.then(({ code }): string => {
        throw new Error(`the command ended (${code}) before printing ${pattern}: ${stderr}`);
      }),
    ]);
  return { child, done, firstLine: printed(/^([^\n]*)\n/), printed };
}

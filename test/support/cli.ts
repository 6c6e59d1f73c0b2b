import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const tsx = path.resolve('node_modules', '.bin', 'tsx');
const bundle = path.resolve('dist', 'cli', 'shardscope.mjs');

/** Every CLI run gets its own data folder unless the test names one: no test reads a user's profiles. */
function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'shardscope-cli-')), ...extra };
}
const entry = path.resolve('main', 'hosts', 'cli', 'main.ts');

/**
 * The command that runs `shardscope`. `npm test` builds first and sets SHARDSCOPE_TEST_CLI=bundle:
 * the suite then runs the bundle users install, which also starts in a third of tsx's time (a
 * second saved on each of some 200 runs). A test run on its own runs the source through tsx, so
 * an edit needs no build to be tested.
 */
function shardscopeCommand(args: string[]): [string, string[]] {
  if (process.env.SHARDSCOPE_TEST_CLI !== 'bundle') return [tsx, [entry, ...args]];
  if (!existsSync(bundle)) throw new Error(`SHARDSCOPE_TEST_CLI=bundle, but ${bundle} is missing: npm run build first.`);
  return [process.execPath, [bundle, ...args]];
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `shardscope ARGS` as a user would, in its own process. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; stdin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(...shardscopeCommand(args), { env: cliEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`shardscope ${args.join(' ')} did not finish in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

export interface LongRunningCli {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  output(): string;
  /** Sends SIGINT and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts a command that serves until interrupted and waits for its first line of output. */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<LongRunningCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(...shardscopeCommand(args), { env: cliEnv(options.env) });
    let stdout = '';
    let stderr = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`shardscope ${args.join(' ')} printed nothing in time.\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (!started && newline >= 0) {
        started = true;
        clearTimeout(timer);
        resolve({
          child,
          firstLine: stdout.slice(0, newline),
          output: () => stdout + stderr,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('close', (code) => done(code));
              child.kill('SIGINT');
            }),
        });
      }
    });
    child.on('close', (code) => {
      if (!started) {
        clearTimeout(timer);
        reject(new Error(`shardscope ${args.join(' ')} exited with ${code} before printing.\nstderr: ${stderr}`));
      }
    });
  });
}

/**
 * Starts `shardscope ARGS` and hands back the process, for tests that kill it: node itself with
 * tsx's loader, not the tsx launcher, so that SIGKILL reaches the process doing the work.
 */
export function spawnCli(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { env: cliEnv(options.env) });
  child.stdin.end();
  return child;
}

// The shipped CLI's start-up: `shardscope streams` against `aws kinesis list-streams` on the same
// sandbox, alternating so both see the same machine, and `shardscope --version`. Wall time of
// each whole process, median of the runs.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startSandbox } from '../main/domain/sandbox/sandbox';
import { lower, percentile, type BenchOutput, type Figure } from './figures';

const BIN = 'dist/cli/shardscope.mjs';

/** Wall time of one whole process; asynchronous, so the sandbox in this process keeps answering. */
function wall(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(' ')} failed: ${stderr}`)),
    ),
  );
}

export interface CliSize {
  runs: number;
}

/** The aws CLI's figures are declared too: CI installs it, and a run without it fails naming them (the comparison is the point). */
export const cliFigures = ['shardscope-streams.ms', 'aws-list-streams.ms', 'shardscope-vs-aws', 'version.ms'];

export async function cliBench({ runs: RUNS }: CliSize): Promise<BenchOutput> {
  if (!existsSync(BIN)) throw new Error(`Build the CLI first: npm run build:cli (${BIN} is missing)`);
  const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
  const sandbox = await startSandbox({ demo: true });
  try {
    const endpoint = sandbox.endpoint;
    const awsEnv = {
      AWS_ACCESS_KEY_ID: 'SANDBOX',
      AWS_SECRET_ACCESS_KEY: 'SANDBOX',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
    };
    const times = { shardscope: [] as number[], aws: [] as number[], version: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      times.shardscope.push(await wall(process.execPath, [BIN, 'streams', '--endpoint', endpoint]));
      if (hasAws) times.aws.push(await wall('aws', ['kinesis', 'list-streams', '--endpoint-url', endpoint], awsEnv));
      times.version.push(await wall(process.execPath, [BIN, '--version']));
    }
    const median = (values: number[]) => percentile(values, 50);
    const awsVersion = hasAws ? execFileSync('aws', ['--version']).toString().trim().split(' ')[0] : null;
    const figures: Figure[] = [lower('shardscope-streams.ms', 'shardscope streams (bundled CLI, sandbox)', median(times.shardscope), 'ms')];
    if (hasAws) {
      figures.push(
        lower('aws-list-streams.ms', `aws kinesis list-streams (same sandbox, ${awsVersion})`, median(times.aws), 'ms'),
        lower('shardscope-vs-aws', 'shardscope / aws', (median(times.shardscope) / median(times.aws)) * 100, '%'),
      );
    }
    figures.push(lower('version.ms', 'shardscope --version', median(times.version), 'ms'));
    return {
      title: `CLI start-up, median of ${RUNS} (Node ${process.version})`,
      figures,
      notes: hasAws ? [] : ['the aws CLI is not installed: its figures are missing'],
    };
  } finally {
    await sandbox.stop();
  }
}

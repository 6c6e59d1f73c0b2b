// The shipped CLI's start-up: `shardscope streams` against `aws kinesis list-streams` on the same
// sandbox, alternating so both see the same machine, and `shardscope --version`. Wall time of
// each whole process, median of the runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startSandbox } from '../main/domain/sandbox/sandbox';
import { percentile, printResults } from './report';

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const BIN = 'dist/cli/shardscope.mjs';

function wall(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const took = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${String(result.stderr)}`);
  return took;
}

export async function cliBench() {
  if (!existsSync(BIN)) throw new Error(`Build the CLI first: npm run build:cli (${BIN} is missing)`);
  const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
  const sandbox = await startSandbox({ demo: true });
  try {
    const endpoint = sandbox.endpoint;
    const awsEnv = { AWS_ACCESS_KEY_ID: 'SANDBOX', AWS_SECRET_ACCESS_KEY: 'SANDBOX', AWS_REGION: 'us-east-1', AWS_PAGER: '' };
    const times = { shardscope: [] as number[], aws: [] as number[], version: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      times.shardscope.push(wall(process.execPath, [BIN, 'streams', '--endpoint', endpoint]));
      if (hasAws) times.aws.push(wall('aws', ['kinesis', 'list-streams', '--endpoint-url', endpoint], awsEnv));
      times.version.push(wall(process.execPath, [BIN, '--version']));
    }
    const median = (values: number[]) => `${Math.round(percentile(values, 50))} ms`;
    const awsVersion = hasAws ? execFileSync('aws', ['--version']).toString().trim().split(' ')[0] : null;
    return printResults(`CLI start-up, median of ${RUNS} (Node ${process.version})`, [
      ['shardscope streams (bundled CLI, sandbox)', median(times.shardscope)],
      [
        'aws kinesis list-streams (same sandbox)',
        hasAws ? `${median(times.aws)} (${awsVersion})` : 'skipped: the aws CLI is not installed',
      ],
      ...(hasAws
        ? ([['shardscope / aws', `${Math.round((percentile(times.shardscope, 50) / percentile(times.aws, 50)) * 100)} %`]] as [
            string,
            string,
          ][])
        : []),
      ['shardscope --version', median(times.version)],
    ]);
  } finally {
    await sandbox.stop();
  }
}

import { Command } from 'commander';
import { shortShardId } from '../../../../shared/format';
import type { MetricsSample } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { call, withCliApp } from '../cli-app';
import {
  cliConnection,
  readBudgetFlags,
  withConnectionFlags,
  withReadBudgetFlag,
  type BudgetFlags,
  type ConnectionFlags,
} from '../connection-flags';
import type { ReadEndSpec } from '../../../../shared/positions';
import { meterEndProblem } from '../../../../shared/meter-end';
import { FROM_HELP, parseDuration, parseFrom, parseUntil, UNTIL_HELP } from '../parse';
import { runSessionCommand } from '../session-command';
import { terminalJson } from '../terminal-text';

const round = (n: number) => Math.round(n * 10) / 10;

function jsonLine(sample: MetricsSample): string {
  return terminalJson({
    time: sample.time,
    recordsPerSecond: round(sample.recordsPerSecond),
    userRecordsPerSecond: round(sample.userRecordsPerSecond),
    bytesPerSecond: Math.round(sample.bytesPerSecond),
    shards: sample.shards.map((s) => ({
      shardId: s.shardId,
      recordsPerSecond: round(s.recordsPerSecond),
      userRecordsPerSecond: round(s.userRecordsPerSecond),
      bytesPerSecond: Math.round(s.bytesPerSecond),
      millisBehindLatest: s.millisBehindLatest,
      getRecordsCalls: round(s.getRecordsCalls),
      ownCallsPerSecond: round(s.ownCallsPerSecond),
      budgetCallsPerSecond: s.budgetCallsPerSecond,
      throttled: s.throttled,
    })),
  });
}

function textLine(sample: MetricsSample): string {
  const shards = sample.shards.map((s) => `${shortShardId(s.shardId)} ${round(s.recordsPerSecond)}${s.hot ? ' HOT' : ''}`).join('  ');
  return `${sample.time}  ${round(sample.recordsPerSecond)} records/s (${round(sample.userRecordsPerSecond)} user)  ${round(sample.bytesPerSecond / 1024)} KiB/s  |  ${shards}`;
}

function refuseEnd(problem: ReturnType<typeof meterEndProblem>, until: ReadEndSpec): void {
  const instead =
    'To measure for a length of time, use --duration (e.g. --duration 5m); to stop at a moment, --until 2026-03-01T13:00:00Z; to time the read of a backlog, --from -1h --until caught-up.';
  if (problem === 'caught-up-at-once')
    throw new AppError(
      'invalid-input',
      `--until caught-up would stop the meter at once: from --from newest it is caught up already. ${instead}`,
    );
  if (problem === 'end-already-past' && until.type === 'time')
    throw new AppError(
      'invalid-input',
      `--until is ${until.time}, already past: from --from newest the meter would measure nothing ("5m" means 5 minutes ago, as for tail). ${instead}`,
    );
}

export const statsCommand = withReadBudgetFlag(
  withConnectionFlags(
    new Command('stats')
      .description('measure records/s, bytes/s and lag per shard, one line per interval')
      .argument('<stream>', 'the stream name')
      .option('--from <position>', FROM_HELP, 'newest')
      .option('--interval <duration>', 'how often to print', parseDuration, 1_000)
      .option('--duration <duration>', 'stop after this long (default: until Ctrl+C)', parseDuration)
      .option(
        '--until <end>',
        `stop there: ${UNTIL_HELP}; from --from newest only a time still to come (for a length of time, --duration)`,
        parseUntil,
      )
      .option('--json', 'one JSON object per line'),
  ),
).action(
  (
    stream: string,
    opts: ConnectionFlags & BudgetFlags & { from: string; interval: number; duration?: number; until?: ReadEndSpec; json?: boolean },
  ) =>
    withCliApp(
      cliConnection(opts, 'aws'),
      async (app) => {
        const position = parseFrom(opts.from, undefined);
        // metrics:start refuses these too; said first here in the words of the flags.
        if (opts.until) refuseEnd(meterEndProblem(position, opts.until), opts.until);
        let timer: NodeJS.Timeout | undefined;
        // The same meter the Throughput page runs; its owner prints each sample.
        await runSessionCommand(app, {
          start: (owner) => call(app, 'metrics:start', { stream, position, intervalMs: opts.interval, until: opts.until }, owner),
          stop: 'metrics:stop',
          events: {
            'metrics:sample': (sample) => process.stdout.write(`${opts.json ? jsonLine(sample) : textLine(sample)}\n`),
          },
          until: opts.duration ? () => new Promise((resolve) => (timer = setTimeout(resolve, opts.duration! + 50))) : undefined,
        }).finally(() => clearTimeout(timer));
      },
      readBudgetFlags(opts),
    ),
);

import { Command } from 'commander';
import { shortShardId } from '../../../../shared/format';
import type { MetricsSample } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { MetricsSession } from '../../../domain/metrics/metrics-session';
import { withCliApp } from '../cli-app';
import {
  cliConnection,
  readBudgetFlags,
  withConnectionFlags,
  withReadBudgetFlag,
  type BudgetFlags,
  type ConnectionFlags,
} from '../connection-flags';
import { createOwner, nobody } from '../../../core/sessions/session-owner';
import { FROM_HELP, parseDuration, parseFrom } from '../parse';
import { untilInterrupted } from '../run';
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

export const statsCommand = withReadBudgetFlag(
  withConnectionFlags(
    new Command('stats')
      .description('measure records/s, bytes/s and lag per shard, one line per interval')
      .argument('<stream>', 'the stream name')
      .option('--from <position>', FROM_HELP, 'newest')
      .option('--interval <duration>', 'how often to print', parseDuration, 1_000)
      .option('--duration <duration>', 'stop after this long (default: until Ctrl+C)', parseDuration)
      .option('--json', 'one JSON object per line'),
  ),
).action((stream: string, opts: ConnectionFlags & BudgetFlags & { from: string; interval: number; duration?: number; json?: boolean }) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const position = parseFrom(opts.from, undefined);
      // The same meter the Throughput page runs; its owner prints each sample.
      const owner = createOwner('cli', (topic, payload) => {
        if (topic === 'metrics:sample')
          process.stdout.write(`${opts.json ? jsonLine(payload as MetricsSample) : textLine(payload as MetricsSample)}\n`);
      });
      const session = new MetricsSession('stats', owner, { ...app.reading(nobody, stream), stream, position, intervalMs: opts.interval });
      let timer: NodeJS.Timeout | undefined;
      try {
        await app.sessions.start(session);
        const elapsed = opts.duration
          ? new Promise((resolve) => (timer = setTimeout(resolve, opts.duration! + 50)))
          : new Promise(() => {});
        await Promise.race([untilInterrupted(), elapsed, session.ended]);
        if (session.stopReason) throw new AppError('aws', session.stopReason);
      } finally {
        clearTimeout(timer);
        await session.stop('completed');
      }
    },
    readBudgetFlags(opts),
  ),
);

import { setTimeout as sleep } from 'node:timers/promises';
import { Command, InvalidArgumentError } from 'commander';
import type { CheckpointMovePlan, CheckpointTarget, ConsumersSample, SessionStatus } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { createOwner } from '../../../core/sessions/session-owner';
import { call, withCliApp } from '../cli-app';
import { confirmWrite } from '../confirm-write';
import {
  cliConnection,
  withConnectionFlags,
  withReadBudgetFlag,
  readBudgetFlags,
  withLeaseTableFlags,
  type BudgetFlags,
  type ConnectionFlags,
  type LeaseTableFlags,
} from '../connection-flags';
import { checkpointText, consumersJson, consumersText } from '../consumers-view';
import { note } from '../output';
import { untilInterrupted } from '../run';
import { terminalJson, visible } from '../terminal-text';
import { countOf } from '../../../../shared/plural';

type Flags = ConnectionFlags & BudgetFlags & LeaseTableFlags & { json?: boolean; watch?: boolean };

/** The flags both commands share: the lease tables, where they are, the connection and the read budget. */
const withLeaseFlags = (command: Command) => withReadBudgetFlag(withConnectionFlags(withLeaseTableFlags(command)));

export const consumersCommand = withLeaseFlags(
  new Command('consumers')
    .description('who reads a stream and how far behind: enhanced fan-out, KCL applications per shard, Lambda')
    .argument('<stream>', 'the stream name')
    .option('--json', 'print one JSON object')
    .option('--watch', 'print again every 5 s until Ctrl+C (stuck owners show after 30 s of watching)'),
).action((stream: string, opts: Flags) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const leaseTables = opts.leaseTable;
      if (!opts.watch) {
        const report = await call(app, 'consumers:report', { stream, leaseTables });
        console.log(opts.json ? terminalJson(consumersJson(report), 2) : consumersText(report));
        // A named application that could not be read (no such table, no access) is a failure to answer.
        if (leaseTables.length && (!report.applications.available || report.applications.items.some((a) => a.error !== null)))
          process.exitCode = 1;
        return;
      }
      // The panel's session, printed instead of charted; it ends on Ctrl+C or when main stops it.
      let ended: (reason: string | null) => void = () => undefined;
      const stopped = new Promise<string | null>((resolve) => (ended = resolve));
      const owner = createOwner('cli', (topic, payload) => {
        if (topic === 'session:status' && (payload as SessionStatus).state === 'stopped') ended((payload as SessionStatus).reason);
        if (topic !== 'consumers:sample') return;
        const { report } = payload as ConsumersSample;
        console.log(opts.json ? terminalJson(consumersJson(report)) : `${consumersText(report)}\n`);
      });
      const result = await app.dispatch('consumers:start', { stream, leaseTables }, owner);
      if (!result.ok) throw new AppError(result.error.code, result.error.message);
      const reason = await Promise.race([untilInterrupted().then(() => null), stopped]);
      owner.close();
      if (reason) throw new AppError('unavailable', reason);
    },
    readBudgetFlags(opts),
  ),
);

/** trim-horizon, latest, an ISO time, or a sequence number (which counts as processed). */
export function parseCheckpointTarget(value: string): CheckpointTarget {
  const word = value.trim().toLowerCase();
  if (word === 'trim-horizon' || word === 'trim_horizon') return { type: 'TRIM_HORIZON' };
  if (word === 'latest') return { type: 'LATEST' };
  if (/^\d{10,}$/.test(word)) return { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: word };
  const time = Date.parse(value);
  if (Number.isFinite(time) && /\d{4}-\d{2}-\d{2}/.test(value)) return { type: 'AT_TIMESTAMP', timestamp: new Date(time).toISOString() };
  throw new InvalidArgumentError('trim-horizon, latest, a time such as 2026-11-29T08:00:00Z, or a sequence number.');
}

function quietSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 5 || n > 3_600) throw new InvalidArgumentError('whole seconds from 5 to 3600.');
  return n;
}

function printPlan(plan: CheckpointMovePlan): void {
  for (const change of plan.changes)
    console.log(
      `${visible(change.shardId)}  ${checkpointText(change.from)}  ->  ${checkpointText(change.to)}   resumes at ${visible(change.resumesAt)}`,
    );
  for (const skip of plan.skipped) console.log(`${visible(skip.shardId)}  left as it is: ${visible(skip.reason)}`);
}

type MoveFlags = Flags & { to: CheckpointTarget; shard?: string; quietFor: number; dryRun?: boolean; yes?: boolean };

export const moveCheckpointCommand = withLeaseFlags(
  new Command('move-checkpoint')
    .description('move a stopped KCL application’s checkpoints (one shard or all) to trim-horizon, latest, a time or a sequence number')
    .argument('<stream>', 'the stream name')
    .requiredOption(
      '--to <where>',
      'trim-horizon, latest, an ISO time (resume at the first record at or after it), or a sequence number (counts as processed)',
      parseCheckpointTarget,
    )
    .option('--shard <shardId>', 'only this shard (default: every shard the application leases)')
    .option('--quiet-for <seconds>', 'no lease may be renewed for this long: the application is stopped', quietSeconds, 20)
    .option('--dry-run', 'print what would change, and change nothing')
    .option('-y, --yes', 'move without asking (required without a terminal)')
    .option('--json', 'print the plan and the result as JSON'),
).action((stream: string, opts: MoveFlags) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const [table, ...more] = opts.leaseTable;
      if (!table || more.length) throw new AppError('invalid-input', 'Name the application’s lease table once: --lease-table TABLE.');
      const input = { stream, table, shardId: opts.shard ?? null, to: opts.to, quietSeconds: opts.quietFor };
      if (opts.dryRun) {
        const { token: _unused, ...plan } = await call(app, 'consumers:planMove', input);
        if (opts.json) console.log(terminalJson(plan, 2));
        else printPlan(plan);
        if (!opts.json && plan.blocker) note(plan.blocker);
        return;
      }
      // A table this process has not watched yet is watched now, reading the leases only: a running worker renews within seconds.
      // A read-only connection refuses this first step, so nothing is watched for a move that cannot be made.
      let quiet = await call(app, 'consumers:quiet', input);
      if (quiet.waitingForQuiet) note(`Watching ${table} for ${opts.quietFor} s to be sure no worker renews a lease…`);
      while (quiet.waitingForQuiet) {
        await sleep(2_000);
        quiet = await call(app, 'consumers:quiet', input);
      }
      if (quiet.blocker) throw new AppError('conflict', quiet.blocker);
      const { token, target, ...plan } = await call(app, 'consumers:planMove', input);
      if (plan.blocker) throw new AppError('conflict', plan.blocker);
      if (!opts.json) printPlan(plan);
      await confirmWrite({
        what: `move ${countOf(plan.changes.length, 'checkpoint')} in lease table ${table} for`,
        stream,
        target,
        yes: opts.yes,
        always: true,
      });
      // The plan shown is the plan made: a lease that changed since refuses the move.
      const expected = plan.changes.map(({ leaseKey, leaseCounter, to }) => ({ leaseKey, leaseCounter, to }));
      const result = await call(app, 'consumers:move', { ...input, expected, token });
      if (opts.json) console.log(terminalJson(result, 2));
      else console.log(`Moved ${countOf(result.moved, 'checkpoint')} in ${table}.`);
    },
    readBudgetFlags(opts),
  ),
);

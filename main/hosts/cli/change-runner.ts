import type { ChangePlan, StreamChangeInput } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import type { ShardscopeApp } from '../../app/shardscope-app';
import { keySpaceShare } from '../../../shared/lineage';
import { describeWriteTarget } from '../../../shared/write-target';
import { call } from './cli-app';
import { confirmWrite } from './confirm-write';
import { note } from './output';
import { terminalJson } from './terminal-text';
import { countOf } from '../../../shared/plural';

export interface ChangeFlags {
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

const share = (r: { start: string; end: string }) => `${keySpaceShare(r.start, r.end)}%`;

/** The plan as a person reads it: the change, before and after, the shard map, cost, limits and the AWS CLI. */
export function describePlan(plan: ChangePlan): string {
  const lines = [plan.summary];
  for (const s of plan.settings) lines.push(`  ${s.name}: ${s.before || '—'} → ${s.after}`);
  if (plan.shardsAfter) {
    lines.push(`  shard map after (${plan.shardsAfter.length} open): ${plan.shardsAfter.map(share).join(' | ')}`);
    if (plan.shardsBefore) lines.push(`  shard map now   (${plan.shardsBefore.length} open): ${plan.shardsBefore.map(share).join(' | ')}`);
  }
  if (plan.shardHoursPerDay) lines.push(`  shard-hours a day: ${plan.shardHoursPerDay.before} → ${plan.shardHoursPerDay.after}`);
  for (const limit of plan.limits) lines.push(`  note: ${limit}`);
  for (const step of plan.steps) lines.push(`  step: ${step}`);
  for (const command of plan.awsCli) lines.push(`  same with the AWS CLI: ${command}`);
  return lines.join('\n');
}

/** What the confirmation asks to do to the stream named after it. */
function verbOf(change: StreamChangeInput): string {
  switch (change.type) {
    case 'create':
    case 'delete':
    case 'reshard':
      return change.type;
    case 'split':
      return `split ${change.shardId} of`;
    case 'merge':
      return `merge ${change.shardId} and ${change.adjacentShardId} of`;
    case 'consumer':
      return `${change.action} the consumer ${change.name} ${change.action === 'register' ? 'on' : 'from'}`;
    default:
      return `change the ${change.type === 'tags' ? 'tags' : change.type === 'mode' ? 'capacity mode' : change.type} of`;
  }
}

/**
 * Every stream change from the CLI: planned and shown (before and after, the AWS CLI that does the
 * same), stopped there by --dry-run or a blocker, confirmed (the stream's name typed for a
 * delete), applied, and followed until the stream is ACTIVE again.
 */
export async function runChange(app: ShardscopeApp, change: StreamChangeInput, flags: ChangeFlags): Promise<void> {
  // Main refuses a plan to apply on a read-only connection, so nothing is shown or asked that cannot be done.
  const { token, target, ...plan } = await call(app, 'admin:plan', { change, toApply: !flags.dryRun });
  if (flags.json && flags.dryRun) {
    console.log(terminalJson({ ...plan, target }));
    return;
  }
  note(describePlan(plan));
  note(`  where: ${describeWriteTarget(target)}`);
  if (plan.blockers.length) throw new AppError('invalid-input', plan.blockers.join('\n'));
  if (flags.dryRun) {
    note('dry run: nothing was changed.');
    return;
  }
  await confirmWrite({
    what: verbOf(change),
    stream: change.stream,
    target,
    yes: flags.yes,
    always: true,
    typeName: change.type === 'delete',
  });
  // --yes skips the question only: the change applied is still the plan shown, by its token.
  const applied = await call(app, 'admin:apply', { change, token });
  for (const step of applied.steps) note(`done: ${step}`);
  if (change.type === 'delete') {
    if (flags.json) console.log(terminalJson({ stream: change.stream, deleted: true, steps: applied.steps }));
    else console.log(`${change.stream} deleted.`);
    return;
  }
  const detail = await call(app, 'streams:describe', { name: change.stream });
  const { shards } = await call(app, 'streams:shards', { name: change.stream });
  const open = shards.filter((s) => s.open).sort((a, b) => (BigInt(a.hashKeyRange.start) < BigInt(b.hashKeyRange.start) ? -1 : 1));
  if (flags.json) {
    console.log(terminalJson({ stream: change.stream, status: detail.status, steps: applied.steps, openShards: open }));
    return;
  }
  console.log(
    `${change.stream} is ${detail.status}: ${countOf(open.length, 'open shard')}, ${detail.retentionHours} h retention, ${detail.mode}`,
  );
  for (const shard of open)
    console.log(`  ${shard.shardId}\t${shard.hashKeyRange.start}\t${shard.hashKeyRange.end}\t${share(shard.hashKeyRange)}`);
}

import type { RedrivePlan } from '../../../../shared/contract/redrive';
import { countOf } from '../../../../shared/plural';
import { visible } from '../terminal-text';

/** The plan on stderr, so that stdout holds only the records (as tail prints them). */
export function planLines(plan: RedrivePlan): string[] {
  const { totals } = plan;
  const lines = [
    `${countOf(totals.notices, 'notice')} in ${countOf(plan.ranges.length, 'range')}: ${countOf(totals.found, 'record')} found${totals.fromPayload ? ` (${totals.fromPayload} from their notices' payloads)` : ''}, ${totals.expired} expired${totals.unread ? `, ${totals.unread} not looked for` : ''}`,
  ];
  for (const range of plan.ranges) {
    lines.push(
      `  ${range.stream} ${range.shardId} ${range.start}..${range.end} (${countOf(range.notices.length, 'notice')}, ${range.found} found)`,
    );
  }
  for (const notice of plan.notices) {
    const outcome = notice.outcome;
    if (outcome?.unread)
      lines.push(`  ${visible(notice.source)}: ${outcome.unread} of ${notice.batchSize} not looked for (${visible(outcome.reason ?? '')})`);
    if (outcome?.fromPayload)
      lines.push(
        `  ${visible(notice.source)}: ${outcome.fromPayload} of ${notice.batchSize} from its payload (no longer in the stream${outcome.reason ? `: ${visible(outcome.reason)}` : ''})`,
      );
    if (!outcome?.expired) continue;
    const when = outcome.expiredAt ? ` at ${outcome.expiredAt}` : '';
    const why = outcome.reason ? ` (${outcome.reason})` : '';
    lines.push(`  ${visible(notice.source)}: ${outcome.expired} of ${notice.batchSize} expired${when}${why}`);
  }
  for (const problem of plan.problems) lines.push(`  skipped ${visible(problem.source)}: ${visible(problem.reason)}`);
  return lines;
}

/**
 * Records only a payload holds that a job over the plan's ranges does not write: those of notices
 * that were not read from the stream (its shard or the stream is gone, or was made again).
 */
export function payloadRecordsLeft(plan: RedrivePlan): number {
  return plan.notices.reduce((sum, notice) => sum + (notice.outcome?.reason ? notice.outcome.fromPayload : 0), 0);
}

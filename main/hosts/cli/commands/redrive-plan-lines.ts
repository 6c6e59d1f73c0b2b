import type { PayloadSource } from '../../../../shared/contract/record-ranges';
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
 * Records only a payload holds that a job does not write: those of notices not read from the
 * stream (another region's, or of a stream made again since) whose payloads the job does not take.
 */
export function payloadRecordsLeft(plan: RedrivePlan, job: { payloads?: PayloadSource }): number {
  const taken = new Set(job.payloads?.notices.map((notice) => notice.source));
  return plan.notices.reduce(
    (sum, notice) => sum + (notice.outcome?.reason && !taken.has(notice.source) ? notice.outcome.fromPayload : 0),
    0,
  );
}

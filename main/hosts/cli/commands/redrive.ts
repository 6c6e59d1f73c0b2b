import { Command } from 'commander';
import type { RedrivePlan } from '../../../../shared/contract/redrive';
import { countOf } from '../../../../shared/plural';
import { call, withCliApp } from '../cli-app';
import {
  cliConnection,
  readBudgetFlags,
  withConnectionFlags,
  withReadBudgetFlag,
  type BudgetFlags,
  type ConnectionFlags,
} from '../connection-flags';
import { maskingFileOf, noteMaskingReport, withMaskingFlag, type MaskingFlags } from '../masking-flags';
import { note } from '../output';
import { RecordPrinter, withOutputFlags, type OutputFlags } from '../record-output';
import { visible } from '../terminal-text';

interface RedriveOptions extends ConnectionFlags, BudgetFlags, OutputFlags, MaskingFlags {
  from: string;
  show?: boolean;
}

/** The plan on stderr, so that stdout holds only the records (as tail prints them). */
export function planLines(plan: RedrivePlan): string[] {
  const { totals } = plan;
  const lines = [
    `${countOf(totals.notices, 'notice')} in ${countOf(plan.ranges.length, 'range')}: ${countOf(totals.found, 'record')} found, ${totals.expired} expired${totals.unread ? `, ${totals.unread} not looked for` : ''}`,
  ];
  for (const range of plan.ranges) {
    const found = range.notices.reduce((sum, index) => sum + (plan.notices[index]!.outcome?.found ?? 0), 0);
    lines.push(
      `  ${range.stream} ${range.shardId} ${range.start}..${range.end} (${countOf(range.notices.length, 'notice')}, ${found} found)`,
    );
  }
  for (const notice of plan.notices) {
    const outcome = notice.outcome;
    if (outcome?.unread)
      lines.push(`  ${visible(notice.source)}: ${outcome.unread} of ${notice.batchSize} not looked for (${visible(outcome.reason ?? '')})`);
    if (!outcome?.expired) continue;
    const when = outcome.expiredAt ? ` at ${outcome.expiredAt}` : '';
    const why = outcome.reason ? ` (${outcome.reason})` : '';
    lines.push(`  ${visible(notice.source)}: ${outcome.expired} of ${notice.batchSize} expired${when}${why}`);
  }
  for (const problem of plan.problems) lines.push(`  skipped ${visible(problem.source)}: ${visible(problem.reason)}`);
  return lines;
}

export const redriveCommand = withMaskingFlag(
  withReadBudgetFlag(
    withConnectionFlags(
      withOutputFlags(
        new Command('redrive')
          .description("find the records behind Lambda's failure notices for a Kinesis event source, and show them")
          .requiredOption(
            '--from <path>',
            'a file or folder of invocation records (JSON, or JSON Lines), as an on-failure destination keeps them',
          )
          .option('--show', 'print the records found, as tail prints them (the default)'),
      ),
    ),
  ),
).action((opts: RedriveOptions) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const printer = new RecordPrinter(opts);
      const { plan, records, truncated, masking } = await call(app, 'redrive:find', {
        from: opts.from,
        wholeRecords: true,
        masking: maskingFileOf(opts),
      });
      for (const line of planLines(plan)) note(line);
      if (truncated) note(`only the first ${countOf(records.length, 'record')} are printed`);
      try {
        for (const record of records) await printer.print(record);
      } finally {
        printer.finish();
      }
      noteMaskingReport({ sessionId: 'redrive', rules: masking });
    },
    readBudgetFlags(opts),
  ),
);

import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { capacityLoadOf, heatInputSchema, type HeatReport } from '../../../../shared/contract/heat';
import type { CapacityEstimate } from '../../../../shared/contract';
import type { ShardscopeApp } from '../../../app/shardscope-app';
import type { StreamChangeInput } from '../../../../shared/contract';
import type { ReadEndSpec } from '../../../../shared/positions';
import { formatSize } from '../../../../shared/format';
import { AppError } from '../../../core/app-error';
import { capacityText } from '../capacity-view';
import { runChange } from '../change-runner';
import { call, withCliApp } from '../cli-app';
import {
  cliConnection,
  readBudgetFlags,
  withConnectionFlags,
  withReadBudgetFlag,
  type BudgetFlags,
  type ConnectionFlags,
} from '../connection-flags';
import { heatText } from '../heat-view';
import { note } from '../output';
import { collectShards, FROM_HELP, parseFrom, parseUntil, SHARD_HELP, UNTIL_HELP } from '../parse';
import { withRemedyText } from '../remedy-text';
import { runSessionCommand } from '../session-command';
import { priceFile } from './capacity';
import { terminalJson } from '../terminal-text';

interface HeatFlags extends ConnectionFlags, BudgetFlags {
  from: string;
  until: ReadEndSpec;
  shard?: string[];
  by: 'second' | 'minute';
  top: number;
  json?: boolean;
  apply?: string;
  prices?: string;
  yes?: boolean;
  dryRun?: boolean;
}

/** Progress is worth saying only when the window takes a while. */
const QUIET_MS = 2_000;

function parseTop(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000) throw new InvalidArgumentError('a whole number from 1 to 1,000.');
  return n;
}

/** What the window's load needs and costs; a region without prices is said, and the heat stands. */
async function windowCapacity(app: ShardscopeApp, report: HeatReport, prices: unknown): Promise<CapacityEstimate | null> {
  try {
    // Checked against the contract's price table schema in main, which names each wrong field.
    return await call(app, 'capacity:estimate', {
      name: report.stream,
      load: capacityLoadOf(report),
      ...(prices !== undefined ? { prices: prices as never } : {}),
    });
  } catch (error) {
    // A table the user gave and main refused is their mistake to hear about, not a note.
    if (prices !== undefined || !(error instanceof AppError)) throw error;
    note(`no cost estimate: ${withRemedyText(error.message, error.remedy)}`);
    return null;
  }
}

/** The change a suggestion makes, by the id the report gives it. */
function changeOf(report: HeatReport, id: string): StreamChangeInput {
  const { splits, merges, hotKeys } = report.suggestions;
  const found = [...splits, ...merges].find((s) => s.id === id);
  if (found) return found.change;
  if (hotKeys.some((k) => k.id === id))
    throw new AppError('invalid-input', `${id} is a key to salt in the producer: no change to the stream makes it cooler.`);
  const ids = [...splits, ...merges].map((s) => s.id);
  throw new AppError(
    'invalid-input',
    `No suggestion ${id} in this window. ${ids.length ? `It suggests: ${ids.join(', ')}.` : 'It suggests no split or merge.'}`,
  );
}

export const heatCommand = withReadBudgetFlag(
  withConnectionFlags(
    new Command('heat')
      .description('hot keys and hot shards of a window against the write limits, and the splits and merges that fix them')
      .argument('<stream>', 'the stream name')
      .option('--from <position>', FROM_HELP, '-15m')
      .addOption(new Option('--until <end>', UNTIL_HELP).argParser(parseUntil).default({ type: 'caught-up' }, 'caught-up'))
      .option('--shard <id>', SHARD_HELP, collectShards)
      .addOption(new Option('--by <step>', 'the step of each shard’s series').choices(['second', 'minute']).default('second'))
      .option('--top <n>', 'the heaviest keys listed, overall and per shard', parseTop, 10)
      .option('--json', 'print the whole report as JSON (series, histograms, keys, suggestions)')
      .option('--prices <file>', 'a price table (JSON) for the cost estimate, instead of the built-in one')
      .option('--apply <id>', 'apply one suggestion (split:<shard> or merge:<shard>+<shard>) through its plan and confirmation')
      .option('-y, --yes', 'with --apply: change without asking for confirmation (required without a terminal)')
      .option('--dry-run', 'with --apply: print the plan, and change nothing'),
  ),
).action((stream: string, opts: HeatFlags) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const parsed = heatInputSchema.safeParse({
        stream,
        shardIds: opts.shard,
        from: parseFrom(opts.from, opts.shard),
        until: opts.until,
        by: opts.by,
        top: opts.top,
      });
      if (!parsed.success) throw new AppError('invalid-input', z.prettifyError(parsed.error));
      // Read before the window is: a bad file should not cost a read.
      const prices = opts.prices !== undefined ? await priceFile(opts.prices) : undefined;
      const started = Date.now();
      const { status } = await runSessionCommand(app, {
        start: (owner) => call(app, 'heat:start', parsed.data, owner),
        stop: 'heat:stop',
        events: {
          'heat:progress': (p) => {
            if (Date.now() - started < QUIET_MS) return;
            const done = p.shards.filter((s) => s.state === 'done' || s.state === 'ended').length;
            note(
              `read ${p.scanned} user records, ${formatSize(p.bytes)} (${Math.round(p.recordsPerSecond)}/s); ${done} of ${p.shards.length} shards done`,
            );
          },
        },
      });
      if (status.result?.kind !== 'heat') throw new AppError('internal', 'The heat session ended without its report.');
      const { report } = status.result;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      note(`read ${report.totals.userRecords} user records, ${formatSize(report.totals.bytes)} in ${seconds} s`);
      if (status.stoppedBy !== 'completed') note('stopped before the end of the window: the report covers what was read.');
      const capacity = report.totals.records > 0 ? await windowCapacity(app, report, prices) : null;
      if (opts.json) console.log(terminalJson({ ...report, capacity }));
      else
        console.log(
          [heatText(report), ...(capacity ? ['', `Capacity at this window’s load`, capacityText(capacity, report.stream)] : [])].join('\n'),
        );
      if (opts.apply) await runChange(app, changeOf(report, opts.apply), { yes: opts.yes, dryRun: opts.dryRun });
    },
    readBudgetFlags(opts),
  ),
);

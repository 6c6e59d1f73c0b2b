import { Command, InvalidArgumentError, Option } from 'commander';
import type { ReadEndSpec } from '../../../../shared/positions';
import { ARRIVAL_HOLD_MS, type PreviewRecord } from '../../../../shared/contract';
import type { SessionOwner } from '../../../core/sessions/session-owner';
import { maskingFileOf, noteMaskingReport, withMaskingFlag, type MaskingFlags } from '../masking-flags';
import { call, withCliApp } from '../cli-app';
import { runSessionCommand } from '../session-command';
import {
  cliConnection,
  readBudgetFlags,
  withConnectionFlags,
  withReadBudgetFlag,
  type BudgetFlags,
  type ConnectionFlags,
} from '../connection-flags';
import { note } from '../output';
import { RecordPrinter, withOutputFlags, type OutputFlags } from '../record-output';
import {
  collectShards,
  FROM_HELP,
  parseFrom,
  parsePositive,
  parseUntil,
  schemaFileOf,
  SHARD_HELP,
  UNTIL_HELP,
  withSchemaFlags,
  type SchemaFlags,
} from '../parse';
import { compileFilter, type RecordFilter } from '../../../../shared/record-filter';
import { AppError } from '../../../core/app-error';
import { flagGiven, noteView, readOfView, streamOf, withViewFlag, type ViewFlag } from '../view-flag';

const noFilter: RecordFilter = { text: '', regex: false, field: '' };

/** Records read but not yet printed past which the preview is paused until they are. */
const PAUSE_AT = 5_000;

interface TailOptions extends ConnectionFlags, BudgetFlags, OutputFlags, SchemaFlags, MaskingFlags, ViewFlag {
  from: string;
  where?: string;
  shard?: string[];
  limit?: number;
  until?: ReadEndSpec;
  order: 'shard' | 'arrival';
}

function parseOrder(value: string): 'shard' | 'arrival' {
  if (value === 'shard' || value === 'arrival') return value;
  throw new InvalidArgumentError('it is shard (each shard as it is read) or arrival (merged across shards by arrival time).');
}

export const tailCommand = withReadBudgetFlag(
  withConnectionFlags(
    withOutputFlags(
      withSchemaFlags(
        withViewFlag(withMaskingFlag(new Command('tail')))
          .description('print records as they arrive, from any position, across all shards')
          .argument('[stream]', "the stream name (default: the --view's)")
          .option('--from <position>', FROM_HELP, 'newest')
          .option(
            '--where <expression>',
            "print only the records this CEL expression matches, as search's --where does (with --view: in place of the view's filters)",
          )
          .option('--shard <id>', `${SHARD_HELP}; the sequence-number positions need exactly one`, collectShards)
          .option('--limit <n>', 'stop after this many records', parsePositive)
          .option('--until <end>', `stop there: ${UNTIL_HELP} (default: follow until Ctrl+C)`, parseUntil)
          .addOption(
            new Option(
              '--order <order>',
              `shard: each shard's records in order as they are read, shards interleaved; arrival: merged across shards by arrival time (with --until fully ordered; when following, a record waits at most ${ARRIVAL_HOLD_MS / 1000} s for the other shards)`,
            )
              .argParser(parseOrder)
              .default('shard'),
          ),
      ),
    ),
  ),
).action((streamGiven: string | undefined, opts: TailOptions, command: Command) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const view = opts.view !== undefined ? await readOfView(app, opts.view) : null;
      const stream = streamOf(streamGiven, view);
      const from = !flagGiven(command, 'from') && view?.from ? view.from : opts.from;
      const until = opts.until ?? view?.until;
      const filter: RecordFilter = opts.where !== undefined ? { text: '', regex: false, field: opts.where } : (view?.filter ?? noFilter);
      const compiled = compileFilter(filter);
      if (!compiled.ok)
        throw new AppError(
          'invalid-input',
          `${opts.where !== undefined ? '--where' : `the view ${view!.name}'s filter`}: ${compiled.error}`,
        );
      noteView(view, {
        stream: streamGiven ? undefined : stream,
        from: from === opts.from ? undefined : from,
        until: opts.until ? undefined : view?.end,
        filter: opts.where !== undefined ? undefined : [filter.text && `text "${filter.text}"`, filter.field].filter(Boolean).join(' and '),
      });
      const position = parseFrom(from, opts.shard);
      const printer = new RecordPrinter(opts);
      const limit = opts.limit;
      let printed = 0;
      let reachedLimit!: () => void;
      const limitReached = new Promise<void>((resolve) => (reachedLimit = resolve));
      // Printing may wait (a --query, a full pipe): one record at a time keeps them in order.
      let printing: Promise<void> = Promise.resolve();
      let waiting = 0;
      let paused = false;
      let started: { owner: SessionOwner; sessionId: string } | null = null;
      // A slow pipe (| less, | grep on a busy disk) holds the read back instead of filling memory.
      const hold = (pause: boolean): void => {
        if (!started || paused === pause) return;
        paused = pause;
        void call(app, pause ? 'preview:pause' : 'preview:resume', { sessionId: started.sessionId }, started.owner).catch(() => {});
      };
      const print = (records: PreviewRecord[]): void => {
        waiting += records.length;
        if (waiting > PAUSE_AT) hold(true);
        printing = printing.then(async () => {
          for (const record of records) {
            waiting--;
            if ((limit !== undefined && printed >= limit) || !compiled.test(record)) continue;
            const full = !(await printer.print(record));
            printed++;
            if (full) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
          }
          if (limit !== undefined && printed >= limit) reachedLimit();
          if (waiting === 0) hold(false);
        });
      };
      const schema = schemaFileOf(opts);
      const input = {
        stream,
        position,
        shardIds: opts.shard,
        until,
        wholeRecords: true,
        order: opts.order,
        schema,
        masking: maskingFileOf(opts),
      };
      // The same preview the app runs, sent whole and printed instead of listed.
      await runSessionCommand(app, {
        start: async (owner) => {
          const { sessionId } = await call(app, 'preview:start', input, owner);
          started = { owner, sessionId };
          return { sessionId };
        },
        stop: 'preview:stop',
        events: { 'preview:records': ({ records }) => print(records), 'masking:report': noteMaskingReport },
        until: () => limitReached,
        finish: async ({ status }) => {
          await printing;
          printer.finish();
          const releasedEarly = status.result?.kind === 'preview' ? status.result.releasedEarly : 0;
          // Only a bounded read promises full order; a live one holds records for ARRIVAL_HOLD_MS at most, as --help says.
          if (until && releasedEarly)
            note(
              `${releasedEarly} records were printed before every shard was read past their time: their order across shards is not certain.`,
            );
        },
      }).finally(async () => {
        await printing;
        printer.finish();
      });
    },
    readBudgetFlags(opts),
  ),
);

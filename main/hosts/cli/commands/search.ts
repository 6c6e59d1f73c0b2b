import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import type { ReadEndSpec } from '../../../../shared/positions';
import { searchInputSchema } from '../../../../shared/contract/search';
import { AppError } from '../../../core/app-error';
import { maskingFileOf, noteMaskingReport, withMaskingFlag, type MaskingFlags } from '../masking-flags';
import { call, withCliApp } from '../cli-app';
import { note } from '../output';
import {
  cliConnection,
  readBudgetFlags,
  withConnectionFlags,
  withReadBudgetFlag,
  type BudgetFlags,
  type ConnectionFlags,
} from '../connection-flags';
import { runSessionCommand } from '../session-command';
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
import { RecordPrinter, withOutputFlags, type OutputFlags } from '../record-output';
import { countOf } from '../../../../shared/plural';
import { flagGiven, noteView, readOfView, streamOf, withViewFlag, type ViewFlag, type ViewRead } from '../view-flag';

interface SearchOptions extends ConnectionFlags, BudgetFlags, OutputFlags, SchemaFlags, MaskingFlags, ViewFlag {
  where?: string;
  from: string;
  until: ReadEndSpec;
  shard?: string[];
  limit: number;
}

/** Search has one order, so that its limit means the earliest matches; --order is taken so tail's habit works here too. */
function parseOrder(value: string): 'arrival' {
  if (value === 'arrival') return value;
  throw new InvalidArgumentError(
    'search always gives its matches in arrival order (the earliest --limit of the window); for each shard as it is read, use tail --order shard and a filter of your own.',
  );
}

/** A view's CEL expression; a preview view's text filter has no place in a search, so it is refused rather than dropped. */
function expressionOf(view: ViewRead): string | undefined {
  if (view.filter.text.trim())
    throw new AppError(
      'invalid-input',
      `the view ${view.name} filters on text, which search cannot do: read it with tail --view, or give --where.`,
    );
  return view.filter.field.trim() || undefined;
}

export const searchCommand = withReadBudgetFlag(
  withConnectionFlags(
    withOutputFlags(
      withSchemaFlags(
        withViewFlag(withMaskingFlag(new Command('search')))
          .description('find the records of a window that match a CEL expression, across all shards')
          .argument('[stream]', "the stream name (default: the --view's)")
          .option(
            '--where <expression>',
            'a CEL expression over data, partitionKey, shardId, sequenceNumber, subSequenceNumber, arrivalTime and size (needed unless --view gives one)',
          )
          .option('--from <position>', FROM_HELP, '-15m')
          .addOption(new Option('--until <end>', UNTIL_HELP).argParser(parseUntil).default({ type: 'caught-up' }, 'caught-up'))
          .option('--shard <id>', SHARD_HELP, collectShards)
          .option('--limit <n>', 'the earliest this many matches of the window, by arrival time', parsePositive, 1_000)
          .addOption(
            new Option(
              '--order <order>',
              'arrival: merged across shards by arrival time, then shard id and sequence number (the only order)',
            )
              .argParser(parseOrder)
              .default('arrival'),
          ),
      ),
    ),
  ),
).action((streamGiven: string | undefined, opts: SearchOptions, command: Command) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const view = opts.view !== undefined ? await readOfView(app, opts.view) : null;
      const from = !flagGiven(command, 'from') && view?.from ? view.from : opts.from;
      const until = !flagGiven(command, 'until') && view?.until ? view.until : opts.until;
      const limit = !flagGiven(command, 'limit') && view?.limit ? view.limit : opts.limit;
      const where = opts.where ?? (view ? expressionOf(view) : undefined);
      if (!where) throw new AppError('invalid-input', 'give --where with a CEL expression, or --view with a saved view.');
      noteView(view, {
        stream: streamGiven ? undefined : view?.stream,
        from: from === opts.from ? undefined : from,
        until: until === opts.until ? undefined : view?.end,
        limit: limit === opts.limit ? undefined : String(limit),
        where: opts.where ? undefined : where,
      });
      const parsed = searchInputSchema.safeParse({
        stream: streamOf(streamGiven, view),
        shardIds: opts.shard,
        from: parseFrom(from, opts.shard),
        until,
        expression: where,
        limit,
        wholeRecords: true,
        schema: schemaFileOf(opts),
        masking: maskingFileOf(opts),
      });
      if (!parsed.success) throw new AppError('invalid-input', z.prettifyError(parsed.error));
      const printer = new RecordPrinter(opts);
      // Matches come in order, a batch at a time; printing waits for each.
      let printing: Promise<unknown> = Promise.resolve();
      const started = Date.now();
      await runSessionCommand(app, {
        start: (owner) => call(app, 'search:start', parsed.data, owner),
        stop: 'search:stop',
        events: {
          'masking:report': noteMaskingReport,
          'search:matches': ({ records }) => {
            for (const record of records) printing = printing.then(() => printer.print(record));
          },
        },
        finish: async ({ status }) => {
          await printing;
          printer.finish();
          if (status.result?.kind !== 'search') throw new AppError('internal', 'The search ended without its counts.');
          const { scanned, matched, errors, firstError } = status.result.totals;
          note(
            `scanned ${scanned}, matched ${matched} in ${((Date.now() - started) / 1000).toFixed(1)} s${errors ? `; ${countOf(errors, 'record')} could not be evaluated (first: ${firstError})` : ''}`,
          );
        },
      }).finally(async () => {
        // A JSON array is closed however the search ended, a refused start included.
        await printing;
        printer.finish();
      });
    },
    readBudgetFlags(opts),
  ),
);

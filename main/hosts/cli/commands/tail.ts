import { Command, InvalidArgumentError, Option } from 'commander';
import type { ReadEndSpec } from '../../../../shared/positions';
import type { DecodedRecord } from '../../../domain/engine/decode/record';
import { ArrivalOrder } from '../../../domain/engine/reader/arrival-order';
import { AppError } from '../../../core/app-error';
import { PreviewSession } from '../../../domain/preview/preview-session';
import { toPreviewRecord } from '../../../domain/preview/preview-record';
import { createOwner, nobody } from '../../../core/sessions/session-owner';
import { withCliApp } from '../cli-app';
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
import { untilInterrupted } from '../run';
import { collectShards, FROM_HELP, parseFrom, parsePositive, parseUntil, SHARD_HELP, UNTIL_HELP } from '../parse';

/** How long a live tail holds a record for the other shards to be read past its time. */
export const REORDER_MS = 1_000;
/** Most records a tail holds to order them; past it the earliest are printed, and the order is said to be uncertain. */
const MAX_HELD = 10_000;

interface TailOptions extends ConnectionFlags, BudgetFlags, OutputFlags {
  from: string;
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
      new Command('tail')
        .description('print records as they arrive, from any position, across all shards')
        .argument('<stream>', 'the stream name')
        .option('--from <position>', FROM_HELP, 'newest')
        .option('--shard <id>', `${SHARD_HELP}; the sequence-number positions need exactly one`, collectShards)
        .option('--limit <n>', 'stop after this many records', parsePositive)
        .option('--until <end>', `stop there: ${UNTIL_HELP} (default: follow until Ctrl+C)`, parseUntil)
        .addOption(
          new Option(
            '--order <order>',
            `shard: each shard's records in order as they are read, shards interleaved; arrival: merged across shards by arrival time (with --until fully ordered; when following, a record waits at most ${REORDER_MS / 1000} s for the other shards)`,
          )
            .argParser(parseOrder)
            .default('shard'),
        ),
    ),
  ),
).action((stream: string, opts: TailOptions) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const position = parseFrom(opts.from, opts.shard);
      const printer = new RecordPrinter(opts);
      const order = opts.order === 'arrival' ? new ArrivalOrder({ holdMs: opts.until ? undefined : REORDER_MS, maxHeld: MAX_HELD }) : null;
      let printed = 0;
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      // Printing may wait (a --query, a full pipe): one batch at a time keeps the records in order.
      let printing: Promise<void> = Promise.resolve();
      const print = (records: DecodedRecord[]): Promise<void> =>
        (printing = printing.then(async () => {
          for (const record of records) {
            if (opts.limit !== undefined && printed >= opts.limit) break;
            const full = !(await printer.print(toPreviewRecord(record, Number.POSITIVE_INFINITY)));
            printed++;
            // A slow pipe (| less, | grep on a busy disk) holds the read back instead of filling memory.
            if (full) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
          }
          if (opts.limit !== undefined && printed >= opts.limit) finish();
        }));
      // The same preview session the app runs, with a sink that prints instead of batching.
      const session: PreviewSession = new PreviewSession(
        'tail',
        createOwner('cli', () => {}),
        {
          ...app.reading(nobody, stream),
          stream,
          position,
          shardIds: opts.shard,
          until: opts.until,
          sink: async (records) => {
            if (!order) return print(records);
            for (const record of records) order.add(record);
            await print(order.release(session.engine.shardsStillGiving()));
          },
          onCaughtUp: (shardId) => order?.passed(shardId, Date.now()),
        },
      );
      const ticker = order && !opts.until ? setInterval(() => void print(order.release(session.engine.shardsStillGiving())), 100) : null;
      try {
        await app.sessions.start(session);
        await Promise.race([done, untilInterrupted(), session.ended]);
        if (session.isStopped && session.stopReason) throw new AppError('aws', session.stopReason);
      } finally {
        if (ticker) clearInterval(ticker);
        await session.stop('completed');
        if (order) await print(order.drain());
        await printing;
        printer.finish();
        // Only a bounded read promises full order; a live one holds records for REORDER_MS at most, as --help says.
        if (opts.until && order?.releasedEarly)
          note(
            `${order.releasedEarly} records were printed before every shard was read past their time: their order across shards is not certain.`,
          );
      }
    },
    readBudgetFlags(opts),
  ),
);

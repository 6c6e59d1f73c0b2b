import { Command, InvalidArgumentError } from 'commander';
import { parsePosition, PositionError } from '../../../../shared/positions';
import type { DecodedRecord } from '../../../domain/decode/record';
import { toRecordJson } from '../../../domain/decode/record-json';
import { AppError } from '../../../core/app-error';
import { PreviewSession } from '../../../domain/preview/preview-session';
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
import { untilInterrupted } from '../run';
import { parsePositive } from './sandbox';
import { terminalJson, visible } from '../terminal-text';

interface TailOptions extends ConnectionFlags, BudgetFlags {
  from: string;
  shard?: string;
  limit?: number;
  until?: string;
  json?: boolean;
}

/** One JSON line per user record, exactly the fields an ingestion run writes. */
export function jsonLine(record: DecodedRecord): string {
  return terminalJson(toRecordJson(record));
}

/** One line per record; its key and body may hold anything, so both are shown through visible(). */
export function textLine(record: DecodedRecord): string {
  const body =
    record.encoding === 'json'
      ? JSON.stringify(record.value)
      : record.encoding === 'text'
        ? String(record.value)
        : `(binary, ${record.bytes.length} bytes) ${record.bytes.subarray(0, 48).toString('hex')}`;
  const sub = record.subSequenceNumber !== null ? `/${record.subSequenceNumber}` : '';
  return `${record.arrivalTime} ${record.shardId} ${record.sequenceNumber}${sub} ${visible(record.partitionKey)}  ${visible(body.replace(/[\t\n ]+/g, ' ').slice(0, 500))}`;
}

export function positionFrom(from: string, shard: string | undefined) {
  try {
    return parsePosition(from, shard);
  } catch (error) {
    throw error instanceof PositionError ? new AppError('invalid-input', error.message) : error;
  }
}

export const tailCommand = withReadBudgetFlag(
  withConnectionFlags(
    new Command('tail')
      .description('print records as they arrive, from any position, across all shards')
      .argument('<stream>', 'the stream name')
      .option(
        '--from <position>',
        'TRIM_HORIZON, LATEST, AT_TIMESTAMP:<ISO-8601 or -15m>, AT_SEQUENCE_NUMBER:<seq>, AFTER_SEQUENCE_NUMBER:<seq>',
        'LATEST',
      )
      .option('--shard <id>', 'read this shard only (needed with the sequence-number positions)')
      .option('--limit <n>', 'stop after this many records', parsePositive)
      .option('--until <condition>', 'caught-up: stop once every shard has no records left', (value) => {
        if (value !== 'caught-up') throw new InvalidArgumentError('the only condition is caught-up.');
        return value;
      })
      .option('--json', 'one JSON object per line and per user record'),
  ),
).action((stream: string, opts: TailOptions) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const position = positionFrom(opts.from, opts.shard);
      let printed = 0;
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      // The same preview session the app runs, with a sink that prints instead of batching.
      const session = new PreviewSession(
        'tail',
        createOwner('cli', () => {}),
        {
          ...app.reading(nobody, stream),
          stream,
          position,
          shardIds: opts.shard ? [opts.shard] : undefined,
          sink: async (records) => {
            let full = false;
            for (const record of records) {
              if (opts.limit !== undefined && printed >= opts.limit) break;
              full = !process.stdout.write(`${opts.json ? jsonLine(record) : textLine(record)}\n`);
              printed++;
            }
            if (opts.limit !== undefined && printed >= opts.limit) finish();
            // A slow pipe (| less, | grep on a busy disk) holds the read back instead of filling memory.
            if (full) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
          },
        },
      );
      const watcher = opts.until ? setInterval(() => session.engine.isCaughtUp() && finish(), 100) : null;
      try {
        await app.sessions.start(session);
        await Promise.race([done, untilInterrupted(), session.ended]);
        if (session.isStopped && session.stopReason) throw new AppError('aws', session.stopReason);
      } finally {
        if (watcher) clearInterval(watcher);
        await session.stop('completed');
      }
    },
    readBudgetFlags(opts),
  ),
);

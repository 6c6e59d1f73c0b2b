import { Command } from 'commander';
import type { ReadEndSpec } from '../../../../shared/positions';
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
import { collectShards, FROM_HELP, parseFrom, parsePositive, parseUntil, SHARD_HELP, UNTIL_HELP } from '../parse';
import { terminalJson, visible } from '../terminal-text';

interface TailOptions extends ConnectionFlags, BudgetFlags {
  from: string;
  shard?: string[];
  limit?: number;
  until?: ReadEndSpec;
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

export const tailCommand = withReadBudgetFlag(
  withConnectionFlags(
    new Command('tail')
      .description('print records as they arrive, from any position, across all shards')
      .argument('<stream>', 'the stream name')
      .option('--from <position>', FROM_HELP, 'newest')
      .option('--shard <id>', `${SHARD_HELP}; the sequence-number positions need exactly one`, collectShards)
      .option('--limit <n>', 'stop after this many records', parsePositive)
      .option('--until <end>', `stop there: ${UNTIL_HELP} (default: follow until Ctrl+C)`, parseUntil)
      .option('--json', 'one JSON object per line and per user record'),
  ),
).action((stream: string, opts: TailOptions) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const position = parseFrom(opts.from, opts.shard);
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
          shardIds: opts.shard,
          until: opts.until,
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
      try {
        await app.sessions.start(session);
        await Promise.race([done, untilInterrupted(), session.ended]);
        if (session.isStopped && session.stopReason) throw new AppError('aws', session.stopReason);
      } finally {
        await session.stop('completed');
      }
    },
    readBudgetFlags(opts),
  ),
);

import { Command } from 'commander';
import { z } from 'zod';
import { parseMoment } from '../../../../shared/positions';
import { searchInputSchema, type SearchSpec } from '../../../../shared/contract/search';
import { AppError } from '../../../core/app-error';
import { SearchSession } from '../../../domain/search/search-session';
import { createOwner, nobody } from '../../../core/sessions/session-owner';
import { withCliApp } from '../cli-app';
import { note } from '../output';
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
import { jsonLine, positionFrom, textLine } from './tail';

interface SearchOptions extends ConnectionFlags, BudgetFlags {
  where: string;
  from?: string;
  until: string;
  shard?: string[];
  limit: number;
  json?: boolean;
}

/** caught-up, an ISO-8601 time, or a relative one: -15m is "up to a quarter of an hour ago". */
function endOf(value: string): SearchSpec['until'] {
  if (value === 'caught-up') return { type: 'caught-up' };
  const moment = parseMoment(value);
  if (!moment) throw new AppError('invalid-input', `--until is caught-up, an ISO-8601 time or a relative one like -15m, not "${value}".`);
  return { type: 'time', time: moment.toISOString() };
}

export const searchCommand = withReadBudgetFlag(
  withConnectionFlags(
    new Command('search')
      .description('find the records of a window that match a CEL expression, across all shards')
      .argument('<stream>', 'the stream name')
      .requiredOption(
        '--where <expression>',
        'a CEL expression over data, partitionKey, shardId, sequenceNumber, subSequenceNumber, arrivalTime and size',
      )
      .option('--from <position>', 'where the window starts (see tail; default: 15 minutes ago)')
      .option('--until <end>', 'caught-up, an ISO-8601 time, or a relative one like -5m', 'caught-up')
      .option('--shard <id...>', 'only these shards and their descendants')
      .option('--limit <n>', 'stop after this many matches', parsePositive, 1_000)
      .option('--json', 'one JSON object per match, the fields of tail --json'),
  ),
).action((stream: string, opts: SearchOptions) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const parsed = searchInputSchema.safeParse({
        stream,
        shardIds: opts.shard,
        from: positionFrom(opts.from ?? 'AT_TIMESTAMP:-15m', opts.shard?.length === 1 ? opts.shard[0] : undefined),
        until: endOf(opts.until),
        expression: opts.where,
        limit: opts.limit,
      });
      if (!parsed.success) throw new AppError('invalid-input', z.prettifyError(parsed.error));
      const started = Date.now();
      const session = new SearchSession(
        'search',
        createOwner('cli', () => {}),
        {
          ...app.reading(nobody, stream),
          spec: parsed.data,
          onMatch: (record) => process.stdout.write(`${opts.json ? jsonLine(record) : textLine(record)}\n`),
        },
      );
      try {
        await app.sessions.start(session);
        await Promise.race([session.ended, untilInterrupted()]);
      } finally {
        await session.stop('user');
      }
      const { scanned, matched, errors, firstError } = session.totals;
      note(
        `scanned ${scanned}, matched ${matched} in ${((Date.now() - started) / 1000).toFixed(1)} s${errors ? `; ${errors} records could not be evaluated (first: ${firstError})` : ''}`,
      );
      if (session.status().stoppedBy === 'error') throw new AppError('aws', session.stopReason ?? 'The search failed.');
    },
    readBudgetFlags(opts),
  ),
);

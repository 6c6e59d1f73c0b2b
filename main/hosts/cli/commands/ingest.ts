import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { pinnedSchemaSchema, runFormats, runSpecSchema, type RunCompression, type RunSpec } from '../../../../shared/contract/runs';
import { AppError } from '../../../core/app-error';
import { RunSession } from '../../../domain/runs/run-session';
import { runConnectionOf } from '../../../domain/runs/run-connection';
import { compressionHelp, compressionRefusal } from '../../../domain/runs/formats/compressions';
import { createOwner, nobody } from '../../../core/sessions/session-owner';
import { withCliApp } from '../cli-app';
import { shellQuote } from '../../../../shared/aws-cli';
import { runOutcomeWords } from '../../../../shared/run-words';
import {
  cliConnection,
  connectionFlagWords,
  readBudgetFlags,
  withConnectionFlags,
  withReadBudgetFlag,
  type BudgetFlags,
  type ConnectionFlags,
} from '../connection-flags';
import { isQuiet, note } from '../output';
import { progressView } from '../run-progress-view';
import { untilInterrupted } from '../run';
import { collectShards, FROM_HELP, parseDuration, parseFrom, parseRunEnd, SHARD_HELP, UNTIL_HELP } from '../parse';
import { terminalJson } from '../terminal-text';
import { countOf } from '../../../../shared/plural';

interface IngestOptions extends ConnectionFlags, BudgetFlags {
  to: string;
  format: RunSpec['format'];
  from: string;
  until: RunSpec['until'];
  shard?: string[];
  delimiter: string;
  compression?: RunSpec['compression'];
  schema?: string;
  maxFileSize?: number;
  maxColumns?: number;
  rollEvery?: number;
  maxRejects?: RunSpec['maxRejects'];
  rate?: number;
  map?: string;
  resume?: boolean;
  restart?: boolean;
  json?: boolean;
}

const sizeUnits: Record<string, number> = {
  '': 1,
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
};

export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('a size is bytes, or a number with KiB, MiB or GiB, e.g. 128MiB.');
  return Math.round(Number(match[1]) * sizeUnits[(match[2] ?? '').toLowerCase()]!);
}

/** One of the compressions this Node can write, which --help lists too; the format's own fit is checked once the run starts. */
function parseCompression(value: string): RunCompression {
  const refusal = compressionRefusal(value);
  if (refusal) throw new InvalidArgumentError(refusal);
  return value as RunCompression;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('a whole number, e.g. 500.');
  return Number(value);
}

function parseRejects(value: string): NonNullable<RunSpec['maxRejects']> {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  if (percent) return { percent: Number(percent[1]) };
  if (/^\d+$/.test(value)) return { count: Number(value) };
  throw new InvalidArgumentError('a number of records, or a share such as 1%.');
}

async function readSchema(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError('invalid-input', `--schema ${file}: ${(error as Error).message}`);
  }
  const parsed = pinnedSchemaSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid-input', `--schema ${file} is not a schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function specOf(stream: string, opts: IngestOptions): Promise<RunSpec> {
  const parsed = runSpecSchema.safeParse({
    stream,
    shardIds: opts.shard,
    from: parseFrom(opts.from, opts.shard),
    until: opts.until,
    format: opts.format,
    folder: path.resolve(opts.to),
    delimiter: opts.delimiter === '\\t' ? '\t' : opts.delimiter,
    compression: opts.compression,
    schema: opts.schema ? await readSchema(opts.schema) : undefined,
    maxFileBytes: opts.maxFileSize,
    maxColumns: opts.maxColumns,
    rollEveryMs: opts.rollEvery,
    maxRejects: opts.maxRejects,
    rate: opts.rate,
    map: opts.map,
  });
  if (!parsed.success) throw new AppError('invalid-input', z.prettifyError(parsed.error));
  return parsed.data;
}

export const ingestCommand = withReadBudgetFlag(
  withConnectionFlags(
    new Command('ingest')
      .description('bring a range of a stream into JSON Lines, CSV or Parquet files, exactly once and resumable')
      .argument('<stream>', 'the stream name')
      .requiredOption('--to <folder>', 'the output folder (created if missing)')
      .addOption(new Option('--format <format>', 'the file format').choices(runFormats).default('jsonl'))
      .option('--from <position>', FROM_HELP, 'oldest')
      .addOption(
        new Option('--until <end>', `${UNTIL_HELP}, follow, or count:N`).argParser(parseRunEnd).default({ type: 'caught-up' }, 'caught-up'),
      )
      .option('--shard <id>', SHARD_HELP, collectShards)
      .option('--delimiter <char>', 'CSV delimiter; \\t for tab', ',')
      .addOption(new Option('--compression <codec>', compressionHelp()).argParser(parseCompression))
      .option(
        '--schema <file>',
        'pin the Parquet schema: {"columns": [{"name": "...", "type": "STRING|INT64|DOUBLE|BOOLEAN|TIMESTAMP|JSON"}]}',
      )
      .option('--max-file-size <size>', 'roll files at this size, e.g. 128MiB (the default)', parseSize)
      .option(
        '--max-columns <n>',
        'CSV and Parquet: make at most this many columns from field names (1000 by default); other fields go into _overflow as JSON',
        parseCount,
      )
      .option('--roll-every <duration>', 'also close a file at least this often, e.g. 5m', parseDuration)
      .option('--max-rejects <n|p%>', 'stop once more records than this were rejected', parseRejects)
      .option('--rate <n>', 'at most this many records a second', Number)
      .option(
        '--map <jsonata>',
        'reshape each JSON record on the way with a JSONata expression, e.g. \'{"id": orderId, "total": total.amount}\'',
      )
      .option('--resume', 'carry on the run already in the folder')
      .option('--restart', 'start over: remove the run already in the folder (its files, rejects and run.json) first')
      .option('--json', 'print a summary object on stdout at the end'),
  ),
).action((stream: string, opts: IngestOptions) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const spec = await specOf(stream, opts);
      const view = progressView(isQuiet());
      const owner = createOwner('cli', (topic, payload) => {
        if (topic === 'run:progress') view.update(payload as Parameters<typeof view.update>[0]);
      });
      const session = new RunSession('ingest', owner, {
        ...app.reading(nobody, stream),
        connection: runConnectionOf(app.connections.target(nobody)),
        spec,
        resume: Boolean(opts.resume),
        restart: Boolean(opts.restart),
        // The app's Runs page lists runs made here too: the history lives in the shared data folder.
        onFinished: (summary) => app.history.add(summary),
      });
      let interrupted = false;
      try {
        await app.sessions.start(session);
        await Promise.race([session.ended, untilInterrupted().then(() => (interrupted = true))]);
      } finally {
        await session.stop('user');
        view.stop();
      }
      const summary = session.summary;
      if (!summary) throw new AppError('internal', 'The run ended without a summary.');
      if (opts.json) {
        process.stdout.write(
          `${terminalJson({ records: summary.records, files: summary.files, rejects: summary.rejects, shards: summary.shards, seconds: Math.round(summary.seconds * 10) / 10, outcome: summary.outcome, folder: summary.folder })}\n`,
        );
      } else {
        note(
          `${runOutcomeWords[summary.outcome]}: ${countOf(summary.records, 'record')} in ${countOf(summary.files, 'file')} (${summary.rejects} rejected) in ${summary.folder}, ${summary.seconds.toFixed(1)} s`,
        );
      }
      if (summary.outcome === 'failed') throw new AppError('aws', summary.reason ?? 'The run failed.', summary.remedy);
      if (interrupted && spec.until.type !== 'follow') {
        note(
          `Stopped before the end of the range; carry on with: shardscope ingest ${shellQuote(stream)} --to ${shellQuote(spec.folder)} --resume${connectionFlagWords(opts)}`,
        );
        process.exitCode = 130;
      }
    },
    readBudgetFlags(opts),
  ),
);

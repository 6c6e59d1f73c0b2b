import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import {
  isS3Target,
  pinnedSchemaSchema,
  runFormats,
  runSpecSchema,
  s3Encryptions,
  s3StorageClasses,
  type RunSpec,
  type RunSummary,
} from '../../../../shared/contract/runs';
import { AppError } from '../../../core/app-error';
import { maskingFileOf, noteMaskingReport, withMaskingFlag, type MaskingFlags } from '../masking-flags';
import { call, withCliApp } from '../cli-app';
import { runSessionCommand } from '../session-command';
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
import {
  collectShards,
  COMPRESSION_HELP,
  FROM_HELP,
  parseCompression,
  parseCount,
  parseDuration,
  parseFrom,
  parsePartitionBy,
  parseRejects,
  parseRunEnd,
  parseSize,
  SHARD_HELP,
  UNTIL_HELP,
} from '../parse';
import { terminalJson } from '../terminal-text';
import { countOf } from '../../../../shared/plural';

interface IngestOptions extends ConnectionFlags, BudgetFlags, MaskingFlags {
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
  partitionBy?: RunSpec['partitionBy'];
  sse?: RunSpec['sse'];
  kmsKey?: string;
  storageClass?: RunSpec['storageClass'];
  resume?: boolean;
  restart?: boolean;
  json?: boolean;
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
    masking: maskingFileOf(opts),
    until: opts.until,
    format: opts.format,
    // An S3 prefix is taken as it is; a folder is made absolute from where the command runs.
    folder: isS3Target(opts.to) ? opts.to.trim() : path.resolve(opts.to),
    delimiter: opts.delimiter === '\\t' ? '\t' : opts.delimiter,
    compression: opts.compression,
    schema: opts.schema ? await readSchema(opts.schema) : undefined,
    maxFileBytes: opts.maxFileSize,
    maxColumns: opts.maxColumns,
    rollEveryMs: opts.rollEvery,
    maxRejects: opts.maxRejects,
    rate: opts.rate,
    map: opts.map,
    partitionBy: opts.partitionBy,
    sse: opts.sse,
    kmsKeyId: opts.kmsKey,
    storageClass: opts.storageClass,
  });
  if (!parsed.success) throw new AppError('invalid-input', z.prettifyError(parsed.error));
  return parsed.data;
}

export function printSummary(summary: RunSummary, json: boolean): void {
  if (json)
    process.stdout.write(
      `${terminalJson({ records: summary.records, files: summary.files, rejects: summary.rejects, shards: summary.shards, seconds: Math.round(summary.seconds * 10) / 10, outcome: summary.outcome, folder: summary.folder })}\n`,
    );
  else
    note(
      `${runOutcomeWords[summary.outcome]}: ${countOf(summary.records, 'record')} in ${countOf(summary.files, 'file')} (${summary.rejects} rejected) in ${summary.folder}, ${summary.seconds.toFixed(1)} s`,
    );
}

export const ingestCommand = withReadBudgetFlag(
  withConnectionFlags(
    withMaskingFlag(new Command('ingest'))
      .description('bring a range of a stream into JSON Lines, CSV or Parquet files, exactly once and resumable')
      .argument('<stream>', 'the stream name')
      .requiredOption('--to <folder|s3://bucket/prefix/>', 'the output folder (created if missing), or an S3 prefix')
      .addOption(new Option('--format <format>', 'the file format').choices(runFormats).default('jsonl'))
      .option('--from <position>', FROM_HELP, 'oldest')
      .addOption(
        new Option('--until <end>', `${UNTIL_HELP}, follow, or count:N`).argParser(parseRunEnd).default({ type: 'caught-up' }, 'caught-up'),
      )
      .option('--shard <id>', SHARD_HELP, collectShards)
      .option('--delimiter <char>', 'CSV delimiter; \\t for tab', ',')
      .addOption(new Option('--compression <codec>', COMPRESSION_HELP).argParser(parseCompression))
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
      .option(
        '--partition-by <key>',
        'Hive-style partition folders: arrival:hour (dt=YYYY-MM-DD/hour=HH, UTC), arrival:day, or FIELD (a top-level field of each JSON record, after --map)',
        parsePartitionBy,
      )
      .addOption(new Option('--sse <kind>', 'S3 prefixes: server-side encryption of every object the run writes').choices(s3Encryptions))
      .option('--kms-key <id>', 'with --sse aws:kms: the KMS key (id, ARN or alias); S3 uses aws/s3 without it')
      .addOption(new Option('--storage-class <class>', "S3 prefixes: the data files' storage class").choices(s3StorageClasses))
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
      // Stopped however the command ends, so a refused start leaves no bars and no hidden cursor.
      await runSessionCommand(app, {
        // The app's Runs page lists runs made here too: runs:start keeps them in the shared data folder's history.
        start: (owner) => call(app, 'runs:start', { spec, resume: Boolean(opts.resume), restart: Boolean(opts.restart) }, owner),
        stop: 'runs:stop',
        events: { 'run:progress': (progress) => view.update(progress), 'masking:report': noteMaskingReport },
        finish: ({ status }) => {
          view.stop();
          if (status.result?.kind !== 'run') throw new AppError('internal', 'The run ended without a summary.');
          printSummary(status.result.summary, Boolean(opts.json));
        },
        resumeHint: () =>
          spec.until.type === 'follow'
            ? null
            : `Stopped before the end of the range; carry on with: shardscope ingest ${shellQuote(stream)} --to ${shellQuote(spec.folder)} --resume${connectionFlagWords(opts)}`,
      }).finally(() => view.stop());
    },
    readBudgetFlags(opts),
  ),
);

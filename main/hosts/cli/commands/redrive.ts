import { Command, Option } from 'commander';
import { countOf } from '../../../../shared/plural';
import { AppError } from '../../../core/app-error';
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
import { planLines } from './redrive-plan-lines';
import { settlingQueue } from './redrive-queue';
import { parseCount } from '../parse';
import { MAX_QUEUE_MESSAGES } from '../../../../shared/contract/redrive';
import { putBack, type PutBackOptions } from './redrive-copy';
import { exportRecords } from './redrive-export';
import { runFormats, type RunFormat } from '../../../../shared/contract/runs';

interface RedriveOptions extends ConnectionFlags, BudgetFlags, OutputFlags, MaskingFlags, Omit<PutBackOptions, 'to' | 'json'> {
  from: string;
  maxMessages?: number;
  to?: string;
  export?: string;
  format?: RunFormat;
  show?: boolean;
}

export const redriveCommand = withMaskingFlag(
  withReadBudgetFlag(
    withConnectionFlags(
      withOutputFlags(
        new Command('redrive')
          .description("find the records behind Lambda's failure notices for a Kinesis event source, and show them")
          .requiredOption(
            '--from <path>',
            "a file or folder of invocation records (JSON, or JSON Lines), as an on-failure destination keeps them; s3://BUCKET/PREFIX/ (an S3 destination's objects, whose payloads stand in for records the stream no longer holds); or sqs://QUEUE_URL",
          )
          .option(
            '--max-messages <n>',
            `with --from sqs://: receive at most this many messages (default 100, at most ${MAX_QUEUE_MESSAGES})`,
            parseCount,
          )
          .option('--show', 'print the records found, as tail prints them (the default)')
          .option('--to <stream>', "put the records back into this stream (a copy of the notices' ranges, each record once across stops)")
          .addOption(
            new Option(
              '--export <folder|s3://bucket/prefix/>',
              "export the records into files (an ingestion run over the notices' ranges)",
            ).conflicts(['to', 'show']),
          )
          .addOption(new Option('--format <format>', 'with --export: the file format').choices(runFormats).default('jsonl'))
          .option('--target-profile <name>', 'with --to: write with this saved connection (default: the one the notices are read with)')
          .addOption(new Option('--keep-keys', 'with --to: keep each record’s partition key (the default)').conflicts('keyFrom'))
          .option('--key-from <field>', 'with --to: take the key from this field of JSON records (after --map)')
          .option(
            '--map <jsonata>',
            'with --to: fix each JSON record on the way with a JSONata expression (tried on every record before anything is written), e.g. \'$merge([$, {"currency": "EUR"}])\'',
          )
          .addOption(
            new Option('--resume', 'with --to or --export: carry on a redrive of the same notices that was stopped').conflicts('restart'),
          )
          .option('--restart', 'with --to or --export: start over although an unfinished redrive of the same notices is kept')
          .option('-y, --yes', 'with --to: write without asking for confirmation (required without a terminal, outside the sandbox)'),
      ),
    ),
  ),
).action((opts: RedriveOptions) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      // A map fixes records being put back; shown or exported records are left as they were failed.
      if (opts.map && !opts.to) throw new AppError('invalid-input', '--map goes with --to: it fixes the records put back.');
      if (opts.export)
        return exportRecords(app, {
          ...opts,
          export: opts.export,
          format: opts.format ?? 'jsonl',
          json: Boolean(opts.json) || opts.output === 'jsonl' || opts.output === 'json',
        });
      if (opts.to)
        return putBack(app, { ...opts, to: opts.to, json: Boolean(opts.json) || opts.output === 'jsonl' || opts.output === 'json' });
      const printer = new RecordPrinter(opts);
      const { plan, records, truncated, masking, queue } = await call(app, 'redrive:find', {
        from: opts.from,
        maxMessages: opts.maxMessages,
        wholeRecords: true,
        masking: maskingFileOf(opts),
      });
      // A queue's messages are deleted once their records are printed; a print that fails hands them back.
      await settlingQueue(
        app,
        () => queue,
        async () => {
          for (const line of planLines(plan)) note(line);
          if (truncated) note(`only the first ${countOf(records.length, 'record')} are printed`);
          try {
            for (const record of records) await printer.print(record);
          } finally {
            printer.finish();
          }
        },
        () => true,
      );
      noteMaskingReport({ sessionId: 'redrive', rules: masking });
    },
    readBudgetFlags(opts),
  ),
);

import path from 'node:path';
import { Command, Option } from 'commander';
import { AppError } from '../../../core/app-error';
import {
  produceFormats,
  type ProduceFinished,
  type ProduceFormat,
  type ProduceProgress,
  type SessionStatus,
} from '../../../../shared/contract';
import { createOwner } from '../../../core/sessions/session-owner';
import { call, withCliApp } from '../cli-app';
import { confirmWrite } from '../confirm-write';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { isQuiet, note } from '../output';
import { produceView, type ProduceView } from '../produce-progress-view';
import { untilInterrupted } from '../run';
import { withYesFlag, type WriteFlags } from '../write-flags';
import { terminalJson } from '../terminal-text';
import { countOf } from '../../../../shared/plural';
import { withWriteSchemaFlags, writeEncodingOf, type WriteSchemaFlags } from '../parse';
import { schemaWords } from '../schema-words';

interface ProduceOptions extends ConnectionFlags, WriteFlags, WriteSchemaFlags {
  file: string;
  format?: ProduceFormat;
  keyFrom?: string;
  key?: string;
  rate?: number;
  aggregate?: boolean;
  delimiter: string;
  rejects?: string;
  json?: boolean;
}

/** The format a file's name says, unless --format says otherwise. */
function formatOf(file: string, given?: ProduceFormat): ProduceFormat {
  if (given) return given;
  const extension = path.extname(file).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.jsonl' || extension === '.ndjson' ? 'jsonl' : 'lines';
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new AppError('invalid-input', `--rate: "${value}" is not a number of records a second above 0.`);
  return n;
}

export const produceCommand = withYesFlag(
  withConnectionFlags(
    withWriteSchemaFlags(new Command('produce'))
      .description('write every record of a file to a stream (PutRecords in full batches, refused records retried exactly)')
      .argument('<stream>', 'the stream name')
      .requiredOption('--file <path>', 'JSON Lines, CSV (a header row; each row is written as a JSON object) or plain lines')
      .addOption(
        new Option('--format <format>', 'the file format (default: by the extension; .csv, .jsonl, else lines)').choices(produceFormats),
      )
      .addOption(new Option('--key-from <field>', 'the partition key is this top-level field of each record').conflicts('key'))
      .option('--key <key>', 'one partition key for every record (default: a random key per record)')
      .option('--rate <n>', 'at most this many records a second', positiveNumber)
      .option('--aggregate', 'pack records into KPL aggregates (per shard, as the KPL does)')
      .option('--delimiter <char>', 'CSV delimiter; \\t for tab', ',')
      .option('--rejects <path>', 'where records that cannot be written go, with the reason (default: FILE.rejects.jsonl)')
      .option('--json', 'print a summary object on stdout at the end'),
  ),
).action((stream: string, opts: ProduceOptions) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const format = formatOf(opts.file, opts.format);
    const schema = writeEncodingOf(opts);
    const spec = {
      ...(schema ? { schema } : {}),
      stream,
      file: opts.file,
      format,
      keyFrom: opts.keyFrom ?? null,
      key: opts.key ?? null,
      rate: opts.rate ?? null,
      aggregate: Boolean(opts.aggregate),
      delimiter: opts.delimiter === '\\t' ? '\t' : opts.delimiter,
      rejectsFile: opts.rejects ?? `${opts.file}.rejects.jsonl`,
    };
    let view: ProduceView | null = null;
    let finished!: (summary: ProduceFinished) => void;
    let failed!: (error: AppError) => void;
    const ended = new Promise<ProduceFinished>((resolve, reject) => ((finished = resolve), (failed = reject)));
    // This command's own caller: the produce it starts reports to it alone, its summary before its stop.
    const owner = createOwner('cli-produce', (topic, payload) => {
      if (topic === 'produce:progress') view?.update(payload as ProduceProgress);
      else if (topic === 'produce:finished') finished(payload as ProduceFinished);
      else if (topic === 'session:status' && (payload as SessionStatus).state === 'stopped')
        failed(new AppError('aws', (payload as SessionStatus).reason ?? 'Producing stopped before it could say how far it came.'));
    });
    // The plan refuses on a read-only connection, and binds its token to this file as it is now.
    const plan = await call(app, 'writes:planProduce', spec, owner);
    const encoded = plan.schema ? `, ${countOf(plan.lines ?? 0, 'line')} encoded with ${schemaWords(plan.schema)}` : '';
    await confirmWrite({ what: `produce ${path.basename(opts.file)} (${format}${encoded})`, stream, target: plan.target, yes: opts.yes });
    view = produceView(isQuiet());
    const summary = await call(app, 'writes:produce', { spec, token: plan.token }, owner)
      .then(({ sessionId }) => {
        void untilInterrupted().then(() => call(app, 'writes:stopProduce', { sessionId }, owner));
        return ended;
      })
      .finally(() => view?.stop());
    const { written, rejected, retried, kinesisRecords, calls, outcome, reason, rejectsFile } = summary;
    if (opts.json) {
      process.stdout.write(
        `${terminalJson({ written, rejected, retried, kinesisRecords, calls, seconds: Math.round(summary.seconds * 10) / 10, outcome, reason, rejectsFile })}\n`,
      );
    } else {
      note(
        `${outcome}: ${countOf(written, 'record')} written${opts.aggregate ? ` in ${countOf(kinesisRecords, 'aggregate')}` : ''}, ${rejected} rejected${rejectsFile ? ` (see ${rejectsFile})` : ''}, ${retried} retried, ${summary.seconds.toFixed(1)} s`,
      );
    }
    if (outcome === 'failed') throw new AppError('aws', reason ?? 'Producing failed.', undefined, summary.suggestions);
    if (outcome === 'stopped') process.exitCode = 130;
    // Lines left out are a failure to a script, as ingest's rejects over --max-rejects are: the count says how many.
    else if (rejected > 0) {
      process.stderr.write(
        `error: ${countOf(rejected, 'line')} ${rejected === 1 ? 'was' : 'were'} rejected and not written; see ${rejectsFile}\n`,
      );
      process.exitCode = 1;
    }
  }),
);

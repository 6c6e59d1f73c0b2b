import path from 'node:path';
import { Command, Option } from 'commander';
import { pipelineEngines, type PipelineEngineName, type PipelineVerify } from '../../../../shared/contract/pipelines';
import { AppError } from '../../../core/app-error';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { note } from '../output';
import { terminalJson, visible } from '../terminal-text';

interface PipelineOptions extends ConnectionFlags {
  engine?: PipelineEngineName;
  fromRun?: string;
  out?: string;
  prefix?: string;
  format?: 'parquet' | 'jsonl' | 'csv';
  partitionBy?: string;
  startAt?: string;
  margin: string;
  encoding?: 'json' | 'avro' | 'protobuf';
  force?: boolean;
}

/** A folder as a full path; an s3:// location is passed as given, for the contract to check. */
const isS3 = (text: string) => /^s3:\/\//i.test(text);
const folderArg = (text: string) => (isS3(text) ? text : path.resolve(text));

const verifyCommand = withConnectionFlags(
  new Command('verify')
    .description("compare a run's output with the engine's, shard by shard: records in each, overlap and gaps")
    .requiredOption('--run <dir|s3url>', "the run's folder or S3 prefix")
    .requiredOption('--engine-output <dir|s3url>', "the engine's output: a folder holding a copy of it, or its S3 prefix")
    .option('--json', 'print the report as JSON'),
).action((_opts: unknown, command: Command) => {
  // `pipeline` has the same connection flags: commander gives them to it, wherever they are written.
  const opts = command.optsWithGlobals<ConnectionFlags & { run: string; engineOutput: string; json?: boolean }>();
  // Two folders need no connection; an S3 prefix is read with the connection's credentials and S3 endpoint.
  return withCliApp([opts.run, opts.engineOutput].some(isS3) ? cliConnection(opts, 'aws') : 'none', async (app) => {
    const report = await call(app, 'pipelines:verify', { run: folderArg(opts.run), engineOutput: folderArg(opts.engineOutput) });
    console.log(opts.json ? terminalJson(report, 2) : verifyTable(report));
    // Exit 1: a shard has a gap, records one side lacks inside the overlap, or duplicates.
    if (!report.passed) process.exitCode = 1;
  });
});

function verifyTable(report: PipelineVerify): string {
  const header = ['shard', 'run', 'engine', 'overlap', 'dup', 'run ends at', 'engine starts at', 'verdict'];
  const rows = report.shards.map((s) => [
    s.shardId,
    String(s.runRecords),
    String(s.engineRecords),
    String(s.overlap),
    String(s.duplicates),
    s.runLast ?? '-',
    s.engineFirst ?? '-',
    s.verdict + (s.missingFromRun || s.missingFromEngine ? ` (run lacks ${s.missingFromRun}, engine lacks ${s.missingFromEngine})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    visible(
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  const verdict = report.passed
    ? 'Hand-over verified: every shard that both outputs hold overlaps, with no gap and no duplicates.'
    : 'Hand-over NOT verified: see the shards marked gap, mismatch or duplicates.';
  return [line(header), ...rows.map(line), '', verdict].join('\n');
}

export const pipelineCommand = withConnectionFlags(
  new Command('pipeline')
    .description('write the assets that hand a stream (or a run) over to Amazon Data Firehose, Managed Flink or Spark')
    .argument('<stream>', 'the stream name')
    .addOption(new Option('--engine <engine>', 'the engine that carries on').choices(pipelineEngines))
    .option('--from-run <dir|s3url>', 'continue this run (a folder or S3 prefix): its stream, format, partitioning, columns and start')
    .option('--out <dir>', 'where to write the assets (created if missing)')
    .option('--prefix <s3url>', 'where the engine writes, s3://bucket/prefix/')
    .addOption(
      new Option('--format <format>', "the engine's file format (the run's by default, else parquet)").choices(['parquet', 'jsonl', 'csv']),
    )
    .option('--partition-by <layout>', "Hive-style partitions: arrival:hour, arrival:day or a top-level FIELD (the run's by default)")
    .option('--start-at <time>', 'T, where the engine starts reading (ISO-8601; now by default; Firehose starts when created)')
    .option('--margin <minutes>', 'how far past T the run reads, so the outputs overlap', '15')
    .addOption(
      new Option(
        '--encoding <encoding>',
        "the records' encoding: JSON, or Glue Schema Registry Avro or Protobuf (by default as the run read them, else as the stream's latest records are)",
      ).choices(['json', 'avro', 'protobuf']),
    )
    .option('--force', 'replace asset files of the same names in --out'),
)
  .addCommand(verifyCommand)
  .action((stream: string, opts: PipelineOptions) => {
    // Checked here, not by commander: it would ask `pipeline verify` for them too.
    const missing = (['engine', 'out', 'prefix'] as const).filter((name) => opts[name] === undefined);
    if (missing.length) throw new AppError('invalid-input', `Give ${missing.map((name) => `--${name}`).join(', ')}.`);
    return withCliApp(cliConnection(opts, 'aws'), async (app) => {
      const result = await call(app, 'pipelines:write', {
        stream,
        engine: opts.engine!,
        fromRun: opts.fromRun === undefined ? undefined : folderArg(opts.fromRun),
        prefix: opts.prefix!,
        format: opts.format,
        partitionBy: opts.partitionBy,
        startAt: opts.startAt,
        marginMinutes: Number(opts.margin),
        encoding: opts.encoding,
        out: path.resolve(opts.out!),
        replace: Boolean(opts.force),
      });
      for (const file of result.written) console.log(file);
      note(`T = ${result.startAt}. ${result.notes.join(' ')} Next: ${path.join(result.folder, 'CUTOVER.txt')}.`);
    });
  });

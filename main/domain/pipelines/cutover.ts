import { glueTypeOf } from './column-types';
import { firehoseNames } from './firehose';
import { dataColumns, glueName, META_COLUMNS, partitionColumns, s3Url, type PipelineEngine, type PipelinePlan } from './pipeline-plan';

/** Keys that tell one record from another, per engine (see docs/guide/pipelines.md, "The dedupe key"). */
export const dedupeKey: Record<PipelineEngine, string> = {
  firehose: 'shardId, sequenceNumber, coalesce(subSequenceNumber, 0)',
  // kinesis-legacy has no sub-sequence number: a KPL aggregate is one key, taken whole from one side.
  flink: 'shardId, sequenceNumber',
  // The Spark connector has no shardId: sequence numbers are unique per partition key within a shard.
  spark: 'partitionKey, sequenceNumber',
};

const comment = (lines: string[], mark: string) => lines.map((line) => `${mark} ${line}`).join('\n');

/** DuckDB over local copies of both outputs: one row per key, the run's copy preferred. */
export function duckdbDedupe(plan: PipelinePlan, engine: PipelineEngine, header: string[]): string {
  const glob = plan.format === 'parquet' ? 'read_parquet' : plan.format === 'jsonl' ? 'read_json_auto' : 'read_csv_auto';
  const ext = plan.format === 'parquet' ? '*.parquet' : plan.format === 'jsonl' ? '*.json*' : '*.csv*';
  return `${comment([...header, 'Run with: duckdb < dedupe-duckdb.sql, from the folder that holds run/ (the run) and engine/ (a copy of the engine output).'], '--')}
COPY (
  SELECT * EXCLUDE (pref)
  FROM (
    SELECT *, 0 AS pref FROM ${glob}('run/**/part-${ext}', hive_partitioning = true, union_by_name = true)
    UNION ALL BY NAME
    SELECT *, 1 AS pref FROM ${glob}('engine/**/${ext}', hive_partitioning = true, union_by_name = true)
  )
  QUALIFY row_number() OVER (PARTITION BY ${dedupeKey[engine]} ORDER BY pref) = 1
) TO 'deduped.parquet' (FORMAT parquet);
`;
}

/** Athena: a table over the run's output beside the engine's, and a view that keeps each key once. */
export function athenaDedupe(plan: PipelinePlan, engine: PipelineEngine, header: string[]): string {
  const database = firehoseNames(plan).database;
  const table = glueName(plan.stream);
  const columns = [...META_COLUMNS, ...dataColumns(plan)].map((c) => `  ${glueName(c.name)} ${glueTypeOf(c.type)}`).join(',\n');
  const keys = partitionColumns(plan.partitionBy);
  const partitioned = keys.length ? `\nPARTITIONED BY (${keys.map((k) => `${glueName(k)} string`).join(', ')})` : '';
  const stored = plan.format === 'parquet' ? 'STORED AS PARQUET' : "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'";
  const key = dedupeKey[engine].toLowerCase();
  // Runs write to folders today: the user uploads the run (aws s3 cp --recursive) and names the prefix.
  const runLocation = 's3://REPLACE-with-the-run-output-prefix/';
  return `${comment([...header, `The engine's table is ${database}.${table} (Firehose creates it; for Flink or Spark run the CREATE below with its location).`, 'Names are lower case: Glue and Athena keep no capitals.'], '--')}
CREATE DATABASE IF NOT EXISTS ${database};

CREATE EXTERNAL TABLE IF NOT EXISTS ${database}.${table}_run (
${columns}
)${partitioned}
${stored}
LOCATION '${runLocation}';
${keys.length ? `MSCK REPAIR TABLE ${database}.${table}_run;\n` : ''}
CREATE EXTERNAL TABLE IF NOT EXISTS ${database}.${table} (
${columns}
)${partitioned}
${stored}
LOCATION '${s3Url(plan.location)}';
${keys.length ? `MSCK REPAIR TABLE ${database}.${table};\n` : ''}
CREATE OR REPLACE VIEW ${database}.${table}_deduped AS
SELECT * FROM (
  SELECT *, row_number() OVER (PARTITION BY ${key} ORDER BY pref) AS copy
  FROM (
    SELECT *, 0 AS pref FROM ${database}.${table}_run
    UNION ALL
    SELECT *, 1 AS pref FROM ${database}.${table}
  )
)
WHERE copy = 1;
`;
}

/** The steps of the hand-over, with the commands, in the order they must happen. */
export function cutoverSteps(plan: PipelinePlan, engine: PipelineEngine, header: string[]): string {
  const until = new Date(plan.startAt.getTime() + plan.marginMinutes * 60_000).toISOString();
  const run = plan.fromRun?.folder ?? 'RUN_DIR';
  const start =
    engine === 'firehose'
      ? [
          '1. Deploy firehose.cfn.json (or run deploy-firehose.sh). Firehose starts at its creation: read T with',
          `   aws firehose describe-delivery-stream --delivery-stream-name ${firehoseNames(plan).deliveryStream} \\`,
          "     --query 'DeliveryStreamDescription.Source.KinesisStreamSourceDescription.DeliveryStartTimestamp'",
          `2. Let the run reach T + ${plan.marginMinutes} min (T as read in step 1, not the time below):`,
        ]
      : [
          `1. Start the ${engine} job: it reads from T = ${plan.startAt.toISOString()} (written into the assets).`,
          `2. Let the run reach T + ${plan.marginMinutes} min:`,
        ];
  return `${comment(header, '#')}

${start.join('\n')}
   shardscope ingest ${plan.stream} --to ${run} --resume --until ${engine === 'firehose' ? 'T_PLUS_MARGIN' : until}
   (a run that already stopped before then is resumed with the same --to and --resume.)
3. Copy the engine's output for the overlap to a folder and check the hand-over:
   shardscope pipeline verify --run ${run} --engine-output ENGINE_DIR
   Each shard should show an overlap and no gap; then stop nothing: the engine carries on.
4. Query both outputs once: dedupe-athena.sql (Athena) or dedupe-duckdb.sql (DuckDB) keep each
   record once, keyed on (${dedupeKey[engine]}).
`;
}

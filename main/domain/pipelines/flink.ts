import { flinkTypeOf, quoteSql } from './column-types';
import { dataColumns, DATA_COLUMN, partitionColumns, PipelineRefusal, resourceName, s3Url, type PipelinePlan } from './pipeline-plan';

/**
 * Flink's source for the cutover is `kinesis-legacy` (connector 5.x, Flink 1.20): the only released
 * Kinesis table source that fills shard-id and sequence-number and de-aggregates KPL records.
 * The newer `kinesis` source (stream.arn, source.init.*) is written too, as the issue asks, for
 * streams where the dedupe key is not needed: it leaves the key NULL (FLINK-36671) and passes a KPL
 * aggregate through as one record (FLINK-32097).
 */
export type FlinkSource = 'kinesis-legacy' | 'kinesis';

export function flinkRefusal(plan: PipelinePlan): string | null {
  if (plan.encoding === 'json') return null;
  return (
    `Flink SQL cannot decode Glue Schema Registry ${plan.encoding} records with released connectors: the avro-glue SQL ` +
    'format exists only in an unmerged change (FLINK-24379) and no protobuf-glue format exists. Spark can decode ' +
    'uncompressed single-version Avro; or write a DataStream job with flink-formats-aws.'
  );
}

const q = (text: string) => `'${text.replaceAll("'", "''")}'`;
const options = (entries: [string, string][]) => entries.map(([k, v]) => `  ${q(k)} = ${q(v)}`).join(',\n');
const wrapped = (plan: PipelinePlan) => plan.columns.length === 1 && plan.columns[0]!.name === DATA_COLUMN;

function sourceTable(plan: PipelinePlan, source: FlinkSource): string {
  const time = plan.startAt.toISOString();
  const format: [string, string][] = wrapped(plan)
    ? [['format', 'raw']]
    : [
        ['format', 'json'],
        ['json.fail-on-missing-field', 'false'],
      ];
  // NOT NULL before METADATA is left out: metadata columns are filled by the connector.
  const meta =
    source === 'kinesis-legacy'
      ? [
          "`shardId` VARCHAR(128) METADATA FROM 'shard-id' VIRTUAL",
          "`sequenceNumber` VARCHAR(128) METADATA FROM 'sequence-number' VIRTUAL",
          "`arrivalTime` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL",
        ]
      : [];
  const columns = [...meta, ...plan.columns.map((c) => `${quoteSql(c.name)} ${flinkTypeOf(c.type)}`)];
  const withOptions: [string, string][] =
    source === 'kinesis-legacy'
      ? [
          ['connector', 'kinesis-legacy'],
          ['stream', plan.stream],
          ['aws.region', plan.region],
          ['scan.stream.initpos', 'AT_TIMESTAMP'],
          ['scan.stream.initpos-timestamp', time],
          ['scan.stream.initpos-timestamp-format', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"],
          ...format,
        ]
      : [
          ['connector', 'kinesis'],
          ['stream.arn', plan.streamArn],
          ['aws.region', plan.region],
          ['source.init.position', 'AT_TIMESTAMP'],
          ['source.init.timestamp', time],
          ['source.init.timestamp.format', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"],
          ...format,
        ];
  return `CREATE TABLE kinesis_source (\n  ${columns.join(',\n  ')}\n) WITH (\n${options(withOptions)}\n);`;
}

const sinkFormat: Record<PipelinePlan['format'], [string, string][]> = {
  parquet: [
    ['format', 'parquet'],
    ['parquet.compression', 'SNAPPY'],
  ],
  jsonl: [['format', 'json']],
  csv: [['format', 'csv']],
};

/** The sink's columns with the SELECT expression that fills each from the source. */
function sinkColumns(plan: PipelinePlan, source: FlinkSource): [string, string, string][] {
  const legacy = source === 'kinesis-legacy';
  const arrival = legacy ? '`arrivalTime`' : 'CAST(NULL AS TIMESTAMP_LTZ(3))';
  const columns: [string, string, string][] = [
    ['shardId', 'STRING', legacy ? '`shardId`' : 'CAST(NULL AS STRING)'],
    ['sequenceNumber', 'STRING', legacy ? '`sequenceNumber`' : 'CAST(NULL AS STRING)'],
    // Neither source gives the sub-sequence number of a KPL record: dedupe is per Kinesis record.
    ['subSequenceNumber', 'BIGINT', 'CAST(NULL AS BIGINT)'],
    ['partitionKey', 'STRING', 'CAST(NULL AS STRING)'],
    ['arrivalTime', 'TIMESTAMP(3)', `CAST(${arrival} AS TIMESTAMP(3))`],
    ...dataColumns(plan).map((c): [string, string, string] => [c.name, flinkTypeOf(c.type), quoteSql(c.name)]),
  ];
  const time = legacy ? '`arrivalTime`' : 'CURRENT_TIMESTAMP';
  const partition = plan.partitionBy;
  if (partition?.kind === 'field') columns.push([partition.field, 'STRING', `CAST(${quoteSql(partition.field)} AS STRING)`]);
  else if (partition) {
    columns.push(['dt', 'STRING', `DATE_FORMAT(${time}, 'yyyy-MM-dd')`]);
    if (partition.unit === 'hour') columns.push(['hour', 'STRING', `DATE_FORMAT(${time}, 'HH')`]);
  }
  return columns;
}

function sinkTable(plan: PipelinePlan, columns: [string, string, string][]): string {
  const keys = partitionColumns(plan.partitionBy);
  const partitioned = keys.length ? `\nPARTITIONED BY (${keys.map(quoteSql).join(', ')})` : '';
  const commit: [string, string][] = keys.length
    ? [
        ['partition.default-name', '__HIVE_DEFAULT_PARTITION__'],
        ['sink.partition-commit.trigger', 'process-time'],
        ['sink.partition-commit.delay', plan.partitionBy?.kind === 'arrival' && plan.partitionBy.unit === 'day' ? '1 d' : '1 h'],
        ['sink.partition-commit.policy.kind', 'success-file'],
      ]
    : [];
  const withOptions: [string, string][] = [
    ['connector', 'filesystem'],
    ['path', s3Url(plan.location)],
    ...sinkFormat[plan.format],
    ['sink.rolling-policy.file-size', '128MB'],
    ['sink.rolling-policy.rollover-interval', '15 min'],
    ...commit,
  ];
  return `CREATE TABLE s3_sink (\n  ${columns.map(([n, t]) => `${quoteSql(n)} ${t}`).join(',\n  ')}\n)${partitioned} WITH (\n${options(withOptions)}\n);`;
}

/** The Flink SQL script: a Kinesis source from T, a filesystem sink on the prefix, and the INSERT between them. */
export function flinkSql(plan: PipelinePlan, header: string[], source: FlinkSource): string {
  const refusal = flinkRefusal(plan);
  if (refusal) throw new PipelineRefusal(refusal);
  const columns = sinkColumns(plan, source);
  const caveat =
    source === 'kinesis-legacy'
      ? [
          'Source: kinesis-legacy (flink-sql-connector-kinesis 5.x, Flink 1.20): fills shardId and sequenceNumber and',
          'de-aggregates KPL records; it has no sub-sequence number or partition key, so those columns are NULL and',
          'the dedupe key is (shardId, sequenceNumber): a KPL aggregate is taken whole from one side.',
        ]
      : [
          'Source: the kinesis connector (flink-sql-connector-aws-kinesis-streams 5.x/6.x). CAVEAT: it cannot expose',
          'shard-id or sequence-number (FLINK-36671), so the dedupe key columns are NULL and `pipeline verify` cannot',
          'match this output to the run; it passes KPL aggregates through as one record (FLINK-32097). Prefer',
          'flink-pipeline.sql (kinesis-legacy) for the cutover.',
        ];
  return [
    ...[...header, ...caveat, 'Deploy: zip flink-main.py with this file and lib/<connector jar>; see flink-application.json.'].map(
      (line) => `-- ${line}`,
    ),
    "SET 'table.local-time-zone' = 'UTC';",
    '',
    sourceTable(plan, source),
    '',
    sinkTable(plan, columns),
    '',
    `INSERT INTO s3_sink\nSELECT\n  ${columns.map(([, , expression]) => expression).join(',\n  ')}\nFROM kinesis_source;`,
    '',
  ].join('\n');
}

/** A PyFlink entry point that runs the script's statements: MSF runs Python apps, not bare SQL. */
export function flinkMain(header: string[]): string {
  return `${header.map((line) => `# ${line}`).join('\n')}
# Managed Service for Apache Flink runs this file (kinesis.analytics.flink.run.options: python = flink-main.py).
import os

from pyflink.table import EnvironmentSettings, TableEnvironment


def statements(text):
    """The script's statements, without its comment lines."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\\n".join(lines).split(";\\n") if s.strip()]


def main():
    env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    here = os.path.dirname(os.path.realpath(__file__))
    with open(os.path.join(here, "flink-pipeline.sql"), encoding="utf-8") as script:
        for statement in statements(script.read()):
            env.execute_sql(statement.rstrip(";"))


if __name__ == "__main__":
    main()
`;
}

/** The application for `aws kinesisanalyticsv2 create-application --cli-input-json file://flink-application.json`. */
export function flinkApplication(plan: PipelinePlan): Record<string, unknown> {
  return {
    ApplicationName: resourceName(plan),
    ApplicationDescription: `Shardscope hand-over of ${plan.stream} to ${s3Url(plan.location)} from ${plan.startAt.toISOString()}`,
    RuntimeEnvironment: 'FLINK-1_20',
    ServiceExecutionRole: 'arn:aws:iam::ACCOUNT_ID:role/REPLACE-with-a-role-that-reads-the-stream-and-writes-the-prefix',
    ApplicationConfiguration: {
      ApplicationCodeConfiguration: {
        CodeContentType: 'ZIPFILE',
        CodeContent: {
          S3ContentLocation: { BucketARN: `arn:aws:s3:::${plan.location.bucket}`, FileKey: `${resourceName(plan)}/flink-app.zip` },
        },
      },
      EnvironmentProperties: {
        PropertyGroups: [
          {
            PropertyGroupId: 'kinesis.analytics.flink.run.options',
            PropertyMap: { python: 'flink-main.py', jarfile: 'lib/flink-sql-connector-kinesis-5.0.0-1.20.jar' },
          },
        ],
      },
      FlinkApplicationConfiguration: {
        CheckpointConfiguration: { ConfigurationType: 'DEFAULT' },
        ParallelismConfiguration: { ConfigurationType: 'CUSTOM', Parallelism: 1, ParallelismPerKPU: 1, AutoScalingEnabled: true },
      },
      ApplicationSnapshotConfiguration: { SnapshotsEnabled: true },
    },
  };
}

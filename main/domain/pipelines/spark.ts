import { sparkTypeOf, quoteSql } from './column-types';
import {
  dataColumns,
  DATA_COLUMN,
  isoSeconds,
  partitionColumns,
  PipelineRefusal,
  resourceName,
  s3Url,
  type PipelinePlan,
} from './pipeline-plan';

export function sparkRefusal(plan: PipelinePlan): string | null {
  if (plan.encoding === 'protobuf')
    return 'Spark has no Glue Schema Registry deserializer for Protobuf records: the job would need a GSR deserializer UDF, which Shardscope does not generate.';
  if (plan.encoding === 'avro' && plan.columns.length === 1 && plan.columns[0]!.name === DATA_COLUMN)
    return 'A Glue Schema Registry Avro stream needs its columns from a run that read it with its schema: continue such a run.';
  return null;
}

const py = (text: string) => JSON.stringify(text);

/**
 * A PySpark Structured Streaming job on awslabs' spark-sql-kinesis-connector. Its table has no
 * shardId and no subSequenceNumber, so those columns are NULL and the dedupe key is
 * (partitionKey, sequenceNumber): AWS documents sequence numbers as unique per partition key
 * within a shard, which makes it practical, not guaranteed.
 */
export function sparkJob(plan: PipelinePlan, header: string[]): string {
  const refusal = sparkRefusal(plan);
  if (refusal) throw new PipelineRefusal(refusal);
  const data = dataColumns(plan);
  const ddl = plan.columns.map((c) => `${quoteSql(c.name)} ${sparkTypeOf(c.type)}`).join(', ');
  const wrapped = plan.columns.length === 1 && plan.columns[0]!.name === DATA_COLUMN;
  const keys = partitionColumns(plan.partitionBy);
  const partition = plan.partitionBy;
  const decode =
    plan.encoding === 'avro'
      ? `# Glue Schema Registry Avro: byte 0 is 3 (version), byte 1 is 0 (uncompressed), 16 bytes of schema version id.
# Only uncompressed records of one schema version decode here; others are dropped by the filter.
# Put that version's schema beside this file as writer-schema.avsc, e.g. with
# aws glue get-schema-version --schema-version-id ID --query SchemaDefinition --output text > writer-schema.avsc
WRITER_SCHEMA = open(os.path.join(os.path.dirname(os.path.realpath(__file__)), "writer-schema.avsc")).read()
records = raw.filter(F.substring("data", 1, 2) == F.lit(bytes([3, 0]))).withColumn(
    "value", from_avro(F.expr("substring(data, 19, 2147483647)"), WRITER_SCHEMA)
)`
      : wrapped
        ? 'records = raw.withColumn("value", F.struct(F.col("data").cast("string").alias("data")))'
        : `records = raw.withColumn("value", F.from_json(F.col("data").cast("string"), ${py(ddl)}))`;
  const partitionColumnsCode =
    partition?.kind === 'field'
      ? `    .withColumn(${py(partition.field)}, F.coalesce(F.col("value").getField(${py(partition.field)}).cast("string"), F.lit("__HIVE_DEFAULT_PARTITION__")))\n`
      : partition
        ? `    .withColumn("dt", F.date_format("arrivalTime", "yyyy-MM-dd"))\n${partition.unit === 'hour' ? '    .withColumn("hour", F.date_format("arrivalTime", "HH"))\n' : ''}`
        : '';
  return `${header.map((line) => `# ${line}`).join('\n')}
#
# Source: spark-sql-kinesis-connector (format "aws-kinesis"; v2.x for Spark 4, v1.x for Spark 3.x), which
# de-aggregates KPL records. Its rows carry no shardId and no subSequenceNumber: those columns are NULL,
# and the dedupe key is (partitionKey, sequenceNumber), practical but not guaranteed unique.
# Run: spark-submit --packages <connector> ${plan.encoding === 'avro' ? '--packages org.apache.spark:spark-avro_2.13:<spark version> ' : ''}spark-pipeline.py
# (on EMR or Glue: add the connector jar to the job). Checkpoints go to CHECKPOINT below: keep them.
import os

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
${plan.encoding === 'avro' ? 'from pyspark.sql.avro.functions import from_avro\n' : ''}
STREAM = ${py(plan.stream)}
REGION = ${py(plan.region)}
START_AT = ${py(isoSeconds(plan.startAt))}
OUTPUT = ${py(s3Url(plan.location))}
CHECKPOINT = os.environ.get("CHECKPOINT", ${py(`s3://${plan.location.bucket}/${resourceName(plan)}-spark-checkpoint/`)})

spark = SparkSession.builder.appName(${py(resourceName(plan))}).getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")

raw = (
    spark.readStream.format("aws-kinesis")
    .option("kinesis.region", REGION)
    .option("kinesis.streamName", STREAM)
    .option("kinesis.consumerType", "GetRecords")
    .option("kinesis.endpointUrl", "https://kinesis." + REGION + ".amazonaws.com")
    .option("kinesis.startingPosition", "AT_TIMESTAMP " + START_AT)
    .load()
)

${decode}

rows = (
    records.select(
        F.lit(None).cast("string").alias("shardId"),
        F.col("sequenceNumber"),
        F.lit(None).cast("bigint").alias("subSequenceNumber"),
        F.col("partitionKey"),
        F.col("approximateArrivalTimestamp").alias("arrivalTime"),
${data.map((c) => `        F.col("value").getField(${py(c.name)}).alias(${py(c.name)}),`).join('\n')}
${partition?.kind === 'field' ? '        F.col("value"),\n' : ''}    )
${partitionColumnsCode}${partition?.kind === 'field' ? '    .drop("value")\n' : ''})

query = (
    rows.writeStream.format(${py(plan.format === 'jsonl' ? 'json' : plan.format)})
    .option("path", OUTPUT)
    .option("checkpointLocation", CHECKPOINT)
${keys.length ? `    .partitionBy(${keys.map(py).join(', ')})\n` : ''}    .trigger(processingTime="1 minute")
    .start()
)
query.awaitTermination()
`;
}

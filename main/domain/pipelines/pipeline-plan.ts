import type { ColumnType, PipelineColumn } from './column-types';

export type PipelineEngine = 'firehose' | 'flink' | 'spark';
export type PipelineFormat = 'parquet' | 'jsonl' | 'csv';
/** How the stream's records are encoded on the wire: plain JSON, or framed by the Glue Schema Registry. */
export type RecordEncoding = 'json' | 'avro' | 'protobuf';
const encodingWords: Record<RecordEncoding, string> = {
  json: 'JSON',
  avro: 'Glue Schema Registry Avro',
  protobuf: 'Glue Schema Registry Protobuf',
};

export type PartitionBy = { kind: 'arrival'; unit: 'hour' | 'day' } | { kind: 'field'; field: string };

export interface S3Location {
  bucket: string;
  /** Ends with `/`, or empty for the bucket's root. */
  prefix: string;
}

/** Everything the generators need, gathered by the api from a run or the stream's description. */
export interface PipelinePlan {
  stream: string;
  streamArn: string;
  region: string;
  /** The stream's KMS key (id, ARN or alias) when it is encrypted: readers need kms:Decrypt through Kinesis. */
  streamKey: string | null;
  location: S3Location;
  format: PipelineFormat;
  partitionBy: PartitionBy | null;
  /** T: where the engine starts reading; the run must reach T plus the margin. */
  startAt: Date;
  marginMinutes: number;
  encoding: RecordEncoding;
  /** Where the encoding was learnt (asked, the run's records, a sample of the stream), said in each asset's header. */
  encodingFrom: string;
  /** Records beside that encoding that the engine will not read, or an assumption made. */
  encodingNote: string | null;
  /** The record's own columns (the metadata columns come first, from META_COLUMNS). */
  columns: PipelineColumn[];
  /** Where the columns came from, said in each asset's header. */
  columnsFrom: string;
  /** The run this pipeline continues, when there is one. */
  fromRun: { folder: string; startedAt: string; shards: number } | null;
}

const s = (name: 'string' | 'bigint' | 'timestamp'): ColumnType => ({ kind: 'scalar', name });

/** The columns every asset writes first: the dedupe key, then the rest of each record's Kinesis metadata. */
export const META_COLUMNS: PipelineColumn[] = [
  { name: 'shardId', type: s('string') },
  { name: 'sequenceNumber', type: s('string') },
  { name: 'subSequenceNumber', type: s('bigint') },
  { name: 'partitionKey', type: s('string') },
  { name: 'arrivalTime', type: s('timestamp') },
];
export const META_NAMES = new Set(META_COLUMNS.map((c) => c.name));
/** The column a record is kept in whole when its fields are not known (no run to take them from). */
export const DATA_COLUMN = 'data';

export class PipelineRefusal extends Error {}

/** `s3://bucket/prefix/`; the prefix gains a trailing slash so that files land under it, not beside it. */
export function parseS3Location(text: string): S3Location {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text.trim());
  if (!match) throw new PipelineRefusal(`${text} is not an S3 location: write it as s3://bucket/prefix/.`);
  const prefix = match[2] ?? '';
  if (/(^|\/)\.\.?(\/|$)/.test(prefix) || prefix.includes('//'))
    throw new PipelineRefusal(`The prefix ${prefix} has an empty or dot segment.`);
  return { bucket: match[1]!, prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

export const s3Url = (location: S3Location) => `s3://${location.bucket}/${location.prefix}`;

/** `arrival:hour`, `arrival:day` or a top-level field name (the syntax runs' --partition-by takes). */
export function parsePartitionBy(text: string): PartitionBy {
  if (text === 'arrival:hour') return { kind: 'arrival', unit: 'hour' };
  if (text === 'arrival:day') return { kind: 'arrival', unit: 'day' };
  if (text.startsWith('arrival:')) throw new PipelineRefusal(`${text}: arrival partitions are arrival:hour or arrival:day.`);
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(text))
    throw new PipelineRefusal(`${text}: a partition field is a top-level field name (letters, digits, _).`);
  return { kind: 'field', field: text };
}

/** The Hive partition columns the layout makes, in key order (`dt=…/hour=…/`). */
export function partitionColumns(partitionBy: PartitionBy | null): string[] {
  if (!partitionBy) return [];
  if (partitionBy.kind === 'field') return [partitionBy.field];
  return partitionBy.unit === 'hour' ? ['dt', 'hour'] : ['dt'];
}

/** The data columns less any that the layout moves into the path. */
export function dataColumns(plan: PipelinePlan): PipelineColumn[] {
  const inPath = new Set(partitionColumns(plan.partitionBy));
  return plan.columns.filter((c) => !inPath.has(c.name));
}

/** Glue and Athena keep lower-case names only. */
export const glueName = (name: string) => name.toLowerCase().replace(/[^a-z0-9_]/g, '_');

/** A name for AWS resources made from the stream's: letters, digits and hyphens. */
export function resourceName(plan: PipelinePlan): string {
  return `shardscope-${plan.stream.replace(/[^A-Za-z0-9-]/g, '-')}`.slice(0, 60);
}

export const isoSeconds = (time: Date) => time.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** What each asset's header says: who made it, from what, when the engine starts. */
export function provenance(plan: PipelinePlan, version: string): string[] {
  return [
    `Generated by Shardscope ${version} (shardscope pipeline) for the Kinesis stream ${plan.stream} (${plan.streamArn}).`,
    `Columns: ${plan.columnsFrom}. Output: ${plan.format} under ${s3Url(plan.location)}.`,
    `Records: ${encodingWords[plan.encoding]} (${plan.encodingFrom}).`,
    `Cutover time T = ${plan.startAt.toISOString()}: the run must cover records that arrived before T + ${plan.marginMinutes} min;`,
    'the dedupe queries beside this file remove the overlap. See docs/guide/pipelines.md.',
  ];
}

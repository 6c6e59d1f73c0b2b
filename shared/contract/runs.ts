import { z } from 'zod';
import { MAX_MASK_RULES, maskingFileSchema, maskRuleSchema } from './masking';
import { startPositionSchema } from './preview';
import { streamNameSchema } from './streams';
import { remedySchema } from './errors';
import { connectionKinds } from './connections';
import { payloadSourceSchema, recordRangesSchema } from './record-ranges';
import { readS3Location, s3LocationRefusal } from '../s3-location';

/** POSIX or Windows absolute (C:\\ or \\\\server): the contract is shared with the renderer, which has no node:path. */
export function isAbsoluteFolder(folder: string): boolean {
  return folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder) || folder.startsWith('\\\\');
}

export const runFormats = ['jsonl', 'csv', 'parquet'] as const;
export type RunFormat = (typeof runFormats)[number];

export const runCompressions = ['none', 'gzip', 'snappy', 'zstd'] as const;
export type RunCompression = (typeof runCompressions)[number];

/** Where a run stops: the tip as each shard stood when reached, a moment, a number of records, or never. */
export const runEndSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('caught-up') }),
  z.object({ type: z.literal('time'), time: z.iso.datetime({ offset: true }) }),
  z.object({ type: z.literal('count'), count: z.number().int().positive() }),
  z.object({ type: z.literal('follow') }),
]);
export type RunEnd = z.infer<typeof runEndSchema>;

export const parquetTypes = ['STRING', 'INT64', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP', 'JSON'] as const;
export type ParquetType = (typeof parquetTypes)[number];

/** A pinned Parquet schema (`--schema FILE`): the data columns, after the metadata columns. */
export const pinnedSchemaSchema = z.object({
  columns: z
    .array(z.object({ name: z.string().min(1).max(256), type: z.enum(parquetTypes) }))
    .min(1)
    .max(1_000),
});
export type PinnedSchema = z.infer<typeof pinnedSchemaSchema>;

export const MIB = 1024 * 1024;

/** A field a run may partition on: one top-level field name, never a path of its own. */
export const partitionFieldSchema = z
  .string()
  .min(1)
  .max(128)
  .refine(
    (name) => ![...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20) && name !== '.' && name !== '..',
    'A partition field is one top-level field name: no slash, backslash or control character, and not . or ..',
  );

/**
 * Hive-style partitioning of a run's files (`dt=2026-12-06/hour=10/part-00012.parquet`): by the
 * records' arrival time in UTC, or by a top-level field of each JSON record.
 */
export const runPartitioningSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('arrival'), unit: z.enum(['hour', 'day']) }),
  z.object({ type: z.literal('field'), field: partitionFieldSchema }),
]);
export type RunPartitioning = z.infer<typeof runPartitioningSchema>;

/** An output named as an S3 prefix rather than a folder; the domain checks the rest of it. */
export function isS3Target(target: string): boolean {
  return /^s3:\/\//i.test(target.trim());
}

/** s3://bucket/prefix/, refused with what is wrong with it (the bucket rules, the prefix rules). */
export const s3LocationSchema = z
  .string()
  .max(1_024)
  .superRefine((url, context) => {
    const read = readS3Location(url);
    if ('problem' in read) context.addIssue({ code: 'custom', message: s3LocationRefusal(url, read.problem) });
  });

export const s3Encryptions = ['AES256', 'aws:kms'] as const;
export const s3StorageClasses = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
  'REDUCED_REDUNDANCY',
] as const;

/** What a run is asked to do; kept in the folder's run.json so --resume carries on exactly this. */
export const runSpecSchema = z
  .object({
    stream: streamNameSchema,
    /** Only these shards and their descendants; all by default. */
    shardIds: z.array(z.string().min(1).max(128)).max(1_000).optional(),
    from: startPositionSchema,
    until: runEndSchema,
    format: z.enum(runFormats),
    /**
     * Where the output goes: a full folder path (a relative one would mean a different folder in
     * each host's working directory), or an S3 prefix as `s3://bucket/prefix/`. The name stays
     * `folder` so run.json files made before S3 targets still load.
     */
    folder: z
      .string()
      .min(1)
      .max(4_096)
      .refine(
        (target) => isAbsoluteFolder(target) || isS3Target(target),
        'The output is a full folder path, e.g. /home/me/exports/orders, or an S3 prefix, e.g. s3://my-bucket/exports/orders/.',
      ),
    delimiter: z
      .string()
      .length(1, 'A delimiter is one character.')
      .refine((c) => !/[\r\n"]/.test(c), 'A delimiter cannot be a quote or a line break.')
      .default(','),
    /** gzip for JSON Lines and CSV; snappy (default), zstd or none for Parquet. */
    compression: z.enum(runCompressions).optional(),
    schema: pinnedSchemaSchema.optional(),
    maxFileBytes: z
      .number()
      .int()
      .min(1_024)
      .max(64 * 1_024 * MIB)
      .default(128 * MIB),
    /** Close a file at least this often (follow mode's steady stream of complete files). */
    rollEveryMs: z
      .number()
      .int()
      .min(1_000)
      .max(7 * 86_400_000)
      .optional(),
    /** Stop once more records than this were rejected: a count, or a share of the records read. */
    maxRejects: z.union([z.object({ count: z.number().int().min(0) }), z.object({ percent: z.number().min(0).max(100) })]).optional(),
    /**
     * Data columns a CSV or Parquet run makes from field names, which records choose: past this
     * many, a record's other fields go together into the `_overflow` column as one JSON object.
     */
    maxColumns: z.number().int().min(1).max(10_000).default(1_000),
    /** Records a second at most. */
    rate: z.number().positive().max(10_000_000).optional(),
    /** A JSONata expression applied to each JSON record's data before it is written. */
    map: z.string().min(1).max(10_000).optional(),
    partitionBy: runPartitioningSchema.optional(),
    /** S3 targets: server-side encryption of every object the run writes. */
    sse: z.enum(s3Encryptions).optional(),
    /** With aws:kms: the key (id, ARN or alias); without it S3 uses the account's aws/s3 key. */
    kmsKeyId: z.string().min(1).max(2_048).optional(),
    /** S3 targets: the storage class of the data files. */
    storageClass: z.enum(s3StorageClasses).optional(),
    /**
     * Masking: asked, rules for this run on top of the connection's; in run.json, the rules the run
     * applied and (exempt) those that said they do not apply to runs, so the files say what was masked.
     */
    masking: maskingFileSchema.extend({ exempt: z.array(maskRuleSchema).max(MAX_MASK_RULES).optional() }).optional(),
    /** Only these records (a redrive's export): from, until and shardIds then bound nothing. */
    ranges: recordRangesSchema.optional(),
    /** With ranges: the notices whose payloads hold the ranges' records retention took (written before the stream's). */
    payloads: payloadSourceSchema.optional(),
  })
  .strict();
export type RunSpec = z.output<typeof runSpecSchema>;
export type RunSpecInput = z.input<typeof runSpecSchema>;

export const runShardProgressSchema = z.object({
  shardId: z.string(),
  state: z.enum(['waiting', 'reading', 'caught-up', 'retrying', 'ended', 'done']),
  records: z.number().int(),
  /** Arrival time of the last record taken from this shard. */
  lastArrival: z.string().nullable(),
  millisBehindLatest: z.number().nullable(),
  /** 0 to 1 where it can be known (an end time, or how far behind the tip), else null. */
  fraction: z.number().min(0).max(1).nullable(),
});

export const runProgressSchema = z.object({
  sessionId: z.string(),
  folder: z.string(),
  records: z.number().int(),
  bytes: z.number().int(),
  files: z.number().int(),
  rejects: z.number().int(),
  recordsPerSecond: z.number(),
  /** Seconds left, where it can be estimated. */
  etaSeconds: z.number().nullable(),
  shards: z.array(runShardProgressSchema),
});
export type RunProgress = z.infer<typeof runProgressSchema>;

/** The connection a run read with, as the history keeps it (never its credentials). */
export const runConnectionSchema = z.object({
  kind: z.enum(connectionKinds),
  /** The saved connection's name; null for the sandbox or one given by flags. */
  profile: z.string().nullable(),
  label: z.string(),
  region: z.string(),
  endpoint: z.string().nullable(),
});
export type RunConnection = z.infer<typeof runConnectionSchema>;

/** The summary `ingest --json` prints and the history keeps. */
export const runSummarySchema = z.object({
  folder: z.string(),
  stream: z.string(),
  format: z.enum(runFormats),
  startedAt: z.string(),
  endedAt: z.string(),
  records: z.number().int(),
  files: z.number().int(),
  rejects: z.number().int(),
  shards: z.number().int(),
  seconds: z.number(),
  /** completed, stopped (by the user) or failed, with the reason. */
  outcome: z.enum(['completed', 'stopped', 'failed']),
  reason: z.string().nullable(),
  /** For a failed run that wrote something: what the user can do (its run.json stays in the folder). */
  remedy: remedySchema.optional(),
  /** What was asked, for "run again". */
  spec: runSpecSchema.optional(),
  /** Where it read from, for "run again"; absent in runs recorded before it was kept (an unknown connection). */
  connection: runConnectionSchema.optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

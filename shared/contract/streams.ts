import { z } from 'zod';

export const streamStatuses = ['CREATING', 'DELETING', 'ACTIVE', 'UPDATING', 'UNKNOWN'] as const;
export const streamModes = ['PROVISIONED', 'ON_DEMAND'] as const;

/** Shard ids are shardId-000000000000 in Kinesis; the bound is for inputs from strangers. */
export const shardIdSchema = z.string().min(1).max(128);
export const sequenceNumberSchema = z.string().max(128).regex(/^\d+$/, 'A sequence number is digits only.');
export const streamNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'A stream name has letters, digits and . _ - only.');

export const streamSummarySchema = z.object({
  name: z.string(),
  status: z.enum(streamStatuses),
  /** Null until known: ListStreams summaries carry it, kinesalite's answers do not. */
  mode: z.enum(streamModes).nullable(),
  openShards: z.number().int().nonnegative().nullable(),
  retentionHours: z.number().int().nonnegative().nullable(),
});
export type StreamSummary = z.infer<typeof streamSummarySchema>;

export const streamNamesPageSchema = z.object({
  streams: z.array(streamSummarySchema),
  /** Whether every summary is complete (shards and retention), or `streams:summaries` must fill them. */
  detailsComplete: z.boolean(),
});
export type StreamNamesPage = z.infer<typeof streamNamesPageSchema>;

export const SUMMARY_BATCH_LIMIT = 200;

export const streamSummariesSchema = z.object({
  summaries: z.array(streamSummarySchema),
  /** Names that no longer exist: deleted since they were listed. */
  gone: z.array(z.string()),
  partialErrors: z.array(z.object({ name: z.string(), message: z.string() })),
});
export type StreamSummaries = z.infer<typeof streamSummariesSchema>;

export const streamDetailSchema = z.object({
  name: z.string(),
  arn: z.string(),
  status: z.enum(streamStatuses),
  mode: z.enum(streamModes),
  retentionHours: z.number().int(),
  encryption: z.object({ type: z.string(), keyId: z.string().nullable() }),
  createdAt: z.string().nullable(),
  enhancedMonitoring: z.array(z.string()),
  openShards: z.number().int(),
  consumerCount: z.number().int().nullable(),
});
export type StreamDetail = z.infer<typeof streamDetailSchema>;

export const shardSchema = z.object({
  shardId: z.string(),
  parentShardId: z.string().nullable(),
  adjacentParentShardId: z.string().nullable(),
  /** 128-bit hash keys as decimal strings: too large for a JSON number. */
  hashKeyRange: z.object({ start: z.string(), end: z.string() }),
  sequenceNumberRange: z.object({ start: z.string(), end: z.string().nullable() }),
  open: z.boolean(),
});
export type Shard = z.infer<typeof shardSchema>;

export const shardListSchema = z.object({ shards: z.array(shardSchema) });
export type ShardList = z.infer<typeof shardListSchema>;

export const consumerListSchema = z.object({
  consumers: z.array(z.object({ name: z.string(), arn: z.string(), status: z.string(), createdAt: z.string().nullable() })),
});
export type ConsumerList = z.infer<typeof consumerListSchema>;

export const tagListSchema = z.object({ tags: z.array(z.object({ key: z.string(), value: z.string() })) });
export type TagList = z.infer<typeof tagListSchema>;

export const MAX_HASH_KEY = (1n << 128n) - 1n;

/** A KPL aggregate is one Kinesis record: at most 1 MiB, 1,398,104 characters of base64. */
export const MAX_AGGREGATE_BASE64 = Math.ceil((1024 * 1024) / 3) * 4;

export const shardForInputSchema = z
  .object({
    name: streamNameSchema,
    partitionKey: z
      .string()
      .min(1, 'A partition key is 1 to 256 characters.')
      .max(256, 'A partition key is 1 to 256 characters.')
      .optional(),
    /** Given with a partition key, it routes the record, as PutRecord does. */
    explicitHashKey: z
      .string()
      .max(39, { message: 'An explicit hash key is a whole number from 0 to 2^128 - 1.', abort: true })
      .refine(
        (value) => /^\d{1,39}$/.test(value) && BigInt(value) <= MAX_HASH_KEY,
        'An explicit hash key is a whole number from 0 to 2^128 - 1.',
      )
      .optional(),
    /** The record's bytes, base64, when it is a KPL aggregate: each user record is placed too. */
    aggregate: z
      .string()
      .max(MAX_AGGREGATE_BASE64, { message: 'A KPL aggregate is one record, at most 1 MiB.', abort: true })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The aggregate is given as base64.')
      .optional(),
  })
  .strict()
  .refine(
    (input) => input.partitionKey !== undefined || input.explicitHashKey !== undefined,
    'Give a partition key or an explicit hash key.',
  );

const placedSchema = z.object({ shardId: z.string().nullable(), hashKey: z.string() });

export const shardForSchema = z.object({
  shardId: z.string().nullable(),
  hashKey: z.string(),
  /** Why no shard matched, e.g. a gap in the open shards' ranges. */
  reason: z.string().nullable(),
  /** What placed the record: an explicit hash key overrides the partition key. */
  routedBy: z.enum(['partition-key', 'explicit-hash-key']),
  /** With both given, where the partition key alone would have sent the record. */
  byPartitionKey: placedSchema.nullable(),
  /** For a KPL aggregate, where each user record would have gone had it been put on its own. */
  aggregate: z
    .object({
      userRecords: z.array(
        placedSchema.extend({
          index: z.number().int(),
          partitionKey: z.string(),
          explicitHashKey: z.string().nullable(),
          bytes: z.number().int(),
        }),
      ),
      /** How many user records the aggregate holds; more than listed when the list was cut. */
      total: z.number().int(),
      /** How many of them land on another shard than the aggregate. */
      elsewhere: z.number().int(),
    })
    .nullable(),
});
export type ShardFor = z.infer<typeof shardForSchema>;

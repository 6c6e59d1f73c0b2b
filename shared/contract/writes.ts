import { z } from 'zod';
import { writeTargetSchema } from './plans';
import { startPositionSchema } from './preview';
import { streamNameSchema } from './streams';
import { remedySchema } from './errors';
import { schemaRefSchema } from './schemas';
import { writeEncodingSchema } from './write-schemas';
import { payloadSourceSchema, recordRangeSchema, recordRangesSchema, type RecordRange } from './record-ranges';

/** Kinesis's limit on one record: its data and partition key together. */
export const MAX_RECORD_BYTES = 1024 * 1024;
const BASE64_RECORD_CHARACTERS = Math.ceil(MAX_RECORD_BYTES / 3) * 4;
/**
 * Base64 of the largest record with a CRLF every 76 characters, as MIME tools write it: no longer
 * text could be a Kinesis record, in any of the put encodings.
 */
export const MAX_PUT_TEXT = BASE64_RECORD_CHARACTERS + Math.ceil(BASE64_RECORD_CHARACTERS / 76) * 2;

export const partitionKeySchema = z
  .string()
  .min(1, 'A partition key is 1 to 256 characters.')
  .max(256, 'A partition key is 1 to 256 characters.');
export const explicitHashKeySchema = z
  .string()
  .max(39)
  .regex(/^\d{1,39}$/, 'An explicit hash key is a whole number from 0 to 2^128 − 1.');

export const putEncodings = ['json', 'text', 'base64'] as const;

export const putRecordInputSchema = z
  .object({
    stream: streamNameSchema,
    data: z.string().max(MAX_PUT_TEXT, `A record is at most ${MAX_PUT_TEXT.toLocaleString('en-US')} characters of text (1 MiB in base64).`),
    /** json is checked and sent as typed; text as UTF-8; base64 decoded to bytes. */
    encoding: z.enum(putEncodings),
    gzip: z.boolean().default(false),
    /** Null: a random key. */
    partitionKey: partitionKeySchema.nullable(),
    /** Places the record by this hash key instead of the partition key's MD5. */
    explicitHashKey: explicitHashKeySchema.nullable().default(null),
    /** Encode the JSON data with a schema into a wire format; the data is then written as the schema's bytes. */
    schema: writeEncodingSchema.optional(),
  })
  .strict();
export type PutRecordInput = z.output<typeof putRecordInputSchema>;

/** Where a write of records lands and what it writes, for every host's confirmation, and the token that pays for that write alone. */
export const writePlanSchema = z.object({
  token: z.string(),
  stream: z.string(),
  target: writeTargetSchema,
  records: z.number().int(),
  /** The data's bytes as sent (after gzip); null where they are known only once read back from the source. */
  bytes: z.number().int().nullable(),
  /** The schema the records are encoded with, as resolved for this plan; the token binds it. */
  schema: schemaRefSchema.nullable().default(null),
});
export type WritePlan = z.infer<typeof writePlanSchema>;

export const putRecordResultSchema = z.object({
  stream: z.string(),
  shardId: z.string(),
  sequenceNumber: z.string(),
  partitionKey: z.string(),
  hashKey: z.string(),
  bytes: z.number().int(),
});
export type PutRecordResult = z.infer<typeof putRecordResultSchema>;

/** How a copy keys the records it writes: as they were, from a field of the JSON data, or at random. */
export const copyKeysSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('keep') }),
  z.object({ type: z.literal('field'), field: z.string().min(1).max(256) }),
  z.object({ type: z.literal('random') }),
]);
export type CopyKeys = z.infer<typeof copyKeysSchema>;

/** Records picked in a preview, written again (to the same stream or another) byte for byte. */
export const sendRecordsInputSchema = z
  .object({
    source: streamNameSchema,
    target: streamNameSchema,
    records: z
      .array(
        z
          .object({
            shardId: z.string().min(1).max(128),
            sequenceNumber: z
              .string()
              .max(128)
              .regex(/^\d{1,128}$/),
            subSequenceNumber: z.number().int().nonnegative().nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
    keys: copyKeysSchema.default({ type: 'keep' }),
  })
  .strict();
export type SendRecordsInput = z.output<typeof sendRecordsInputSchema>;

export const sendRecordsResultSchema = z.object({
  written: z.number().int(),
  retried: z.number().int(),
  /** Records no longer in the source (past retention), so not sent. */
  missing: z.number().int(),
});

/** Where a copy stops: the tip as each shard stood when reached, or a moment. */
export const copyEndSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('caught-up') }),
  z.object({ type: z.literal('time'), time: z.iso.datetime({ offset: true }) }),
]);

/** The records of one shard from one sequence number to another, both included. */
export const copyRangeSchema = recordRangeSchema;
export type CopyRange = RecordRange;

/** A copy of a window of one stream into another; kept in the copy's manifest so a resume carries on exactly this. */
export const copySpecSchema = z
  .object({
    source: streamNameSchema,
    target: streamNameSchema,
    /** A saved connection to write with; null: the active connection. */
    targetProfile: z.string().min(1).max(64).nullable().default(null),
    from: startPositionSchema,
    until: copyEndSchema,
    keys: copyKeysSchema.default({ type: 'keep' }),
    /** User records a second at most; by default the target's capacity. */
    rate: z.number().positive().max(10_000_000).nullable().default(null),
    /**
     * Only these records of the source, each shard from its range's first sequence number to its
     * last (a redrive's failed batches); from and until then bound nothing, and other shards are not read.
     */
    ranges: recordRangesSchema.optional(),
    /** With ranges: the notices whose payloads hold the ranges' records retention took (written before the stream's). */
    payloads: payloadSourceSchema.optional(),
    /**
     * A JSONata expression that reshapes each JSON record's data on the way (as `ingest --map`):
     * the result is written as JSON. A record it fails on, or one that is not JSON, stops the copy.
     */
    map: z.string().min(1).max(10_000).optional(),
  })
  .strict();
export type CopySpec = z.output<typeof copySpecSchema>;
export type CopySpecInput = z.input<typeof copySpecSchema>;

export const copyEstimateSchema = z.object({
  /** Where the copy writes, for the confirmation: the target's connection (not necessarily the caller's) and account. */
  target: writeTargetSchema,
  targetOpenShards: z.number().int(),
  /** What the copy will write at most: the rate given, or the target's capacity (1,000 records and 1 MiB a second per open shard). */
  recordsPerSecond: z.number(),
  bytesPerSecond: z.number(),
  /** The window's size where it can be known (CloudWatch on AWS), and so how long the copy will take. */
  windowRecords: z.number().nullable(),
  seconds: z.number().nullable(),
  note: z.string(),
});
export type CopyEstimate = z.infer<typeof copyEstimateSchema>;

/** How a copy ended, sent with its last session status: every host says it from this. */
export const copySummarySchema = z.object({
  source: z.string(),
  target: z.string(),
  read: z.number().int(),
  written: z.number().int(),
  alreadyWritten: z.number().int(),
  retried: z.number().int(),
  seconds: z.number(),
  outcome: z.enum(['completed', 'stopped', 'failed']),
  reason: z.string().nullable(),
  /** What the user can do about a failure, worded by each host. */
  remedy: remedySchema.optional(),
  folder: z.string(),
});
export type CopySummary = z.infer<typeof copySummarySchema>;

export const copyProgressSchema = z.object({
  sessionId: z.string(),
  read: z.number().int(),
  written: z.number().int(),
  retried: z.number().int(),
  /** Records found already in the target after a crash, so not written twice. */
  alreadyWritten: z.number().int(),
  recordsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  manifest: z.string(),
});
export type CopyProgress = z.infer<typeof copyProgressSchema>;

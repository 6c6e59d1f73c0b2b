import { z } from 'zod';
import { writeTargetSchema } from './plans';
import { streamNameSchema } from './streams';
import { partitionKeySchema } from './writes';
import { schemaRefSchema } from './schemas';
import { writeEncodingSchema } from './write-schemas';

export const produceFormats = ['jsonl', 'csv', 'lines'] as const;
export type ProduceFormat = (typeof produceFormats)[number];

const filePathSchema = z.string().min(1).max(4_096);

/** Every record of a file written to a stream: read in main as it goes, so a file of any size takes flat memory. */
export const produceSpecSchema = z
  .object({
    stream: streamNameSchema,
    file: filePathSchema,
    format: z.enum(produceFormats),
    /** The partition key from this top-level field of each record… */
    keyFrom: z.string().min(1).max(256).nullable().default(null),
    /** …or this one key for all; a random key per record when neither is given. */
    key: partitionKeySchema.nullable().default(null),
    /** User records a second at most. */
    rate: z.number().positive().max(10_000_000).nullable().default(null),
    /** Pack user records into KPL aggregates, per shard. */
    aggregate: z.boolean().default(false),
    delimiter: z.string().min(1).max(8).default(','),
    /** Records that cannot be written go here, one JSON line each with the reason. */
    rejectsFile: filePathSchema,
    /** Encode each JSON line with a schema into a wire format (JSON Lines only). */
    schema: writeEncodingSchema.optional(),
  })
  .strict();
export type ProduceSpec = z.output<typeof produceSpecSchema>;

/**
 * Where the file's records land, for the confirmation, and the token that pays for this file as it
 * is now: a file that changes size or is rewritten after the plan is refused.
 */
export const producePlanSchema = z.object({
  token: z.string(),
  stream: z.string(),
  target: writeTargetSchema,
  fileBytes: z.number().int(),
  /** The schema every line is encoded with, as resolved for this plan; the token binds it. */
  schema: schemaRefSchema.nullable().default(null),
  /** Lines checked against the schema before anything is sent. */
  lines: z.number().int().nullable().default(null),
});
export type ProducePlan = z.infer<typeof producePlanSchema>;

const produceCountsSchema = z.object({
  /** User records read from the file so far, and of those written, rejected, and sent again after a refusal. */
  read: z.number().int(),
  written: z.number().int(),
  rejected: z.number().int(),
  retried: z.number().int(),
  fileBytesRead: z.number().int(),
  fileBytes: z.number().int(),
});

export const produceProgressSchema = produceCountsSchema.extend({
  sessionId: z.string(),
  recordsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
});
export type ProduceProgress = z.infer<typeof produceProgressSchema>;

export const produceSummarySchema = produceCountsSchema.extend({
  stream: z.string(),
  file: z.string(),
  /** Kinesis records sent: fewer than the user records when they are aggregated. */
  kinesisRecords: z.number().int(),
  calls: z.number().int(),
  seconds: z.number(),
  outcome: z.enum(['completed', 'stopped', 'failed']),
  reason: z.string().nullable(),
  /** Streams the user may have meant, when the one named is not there. */
  suggestions: z.array(z.string()),
  rejectsFile: z.string().nullable(),
});
export type ProduceSummary = z.infer<typeof produceSummarySchema>;

/** Sent once, as a produce ends however it ends, before its session says it stopped. */
export const produceFinishedSchema = produceSummarySchema.extend({ sessionId: z.string() });
export type ProduceFinished = z.infer<typeof produceFinishedSchema>;

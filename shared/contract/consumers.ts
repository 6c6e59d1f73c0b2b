import { z } from 'zod';
import { remedySchema } from './errors';
import { planTokenSchema } from './plans';
import { sequenceNumberSchema, streamNameSchema } from './streams';

/** DynamoDB table names: 3 to 255 of letters, digits, _ - and dots. */
export const tableNameSchema = z
  .string()
  .trim()
  .min(3, 'A DynamoDB table name has 3 characters at least.')
  .max(255, 'A DynamoDB table name has 255 characters at most.')
  .regex(/^[A-Za-z0-9_.-]+$/, 'A DynamoDB table name uses letters, digits, _ - and . only.');

/** Where a KCL application stands on a shard: a record, or one of the KCL's sentinels. */
/** The longest checkpoint text kept of one this version of Shardscope does not know. */
export const MAX_RAW_CHECKPOINT_LENGTH = 200;

export const checkpointSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sequence'), sequenceNumber: sequenceNumberSchema, subSequenceNumber: z.number().int().min(0) }),
  z.object({ type: z.enum(['TRIM_HORIZON', 'LATEST', 'SHARD_END', 'AT_TIMESTAMP']) }),
  /** No checkpoint attribute, or one this version of Shardscope does not know. */
  z.object({ type: z.literal('unknown'), raw: z.string().max(MAX_RAW_CHECKPOINT_LENGTH).nullable() }),
]);
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const leaseFormats = ['kcl-1', 'kcl-2', 'kcl-3'] as const;
export type LeaseFormat = (typeof leaseFormats)[number];

/** What holds a shard back, worst first: the panel's and the summary's words for it. */
export const shardConditions = [
  'not-leased',
  'no-owner',
  'stuck-owner',
  'waiting-for-parent',
  'throttled',
  'far-behind',
  'keeping-up',
  'finished',
] as const;
export type ShardCondition = (typeof shardConditions)[number];

export const applicationShardSchema = z.object({
  shardId: z.string(),
  /** Whether the shard is open (closed shards are read to their end, then their children). */
  open: z.boolean(),
  /** The worker that holds the lease; null when nobody does (or no lease exists). */
  owner: z.string().nullable(),
  checkpoint: checkpointSchema.nullable(),
  /** Renewals since the lease was created; each worker renews every few seconds while it runs. */
  leaseCounter: z.number().nullable(),
  /** When the lease counter was last seen to move, by this process; null until it has been watched. */
  renewedAt: z.string().nullable(),
  parentShardIds: z.array(z.string()),
  /** When the checkpointed record arrived in the stream. */
  checkpointArrivedAt: z.string().nullable(),
  /** The age of the oldest record after the checkpoint: 0 when there is none, null when it cannot be known. */
  lagMillis: z.number().nullable(),
  /** Records after the checkpoint, when counted; `exact` false means "at least". */
  recordsBehind: z.object({ count: z.number().int(), exact: z.boolean() }).nullable(),
  condition: z.enum(shardConditions),
  /** Why, in a user's words (e.g. "the parent shardId-…1 is not at SHARD_END"). */
  note: z.string().nullable(),
});
export type ApplicationShard = z.infer<typeof applicationShardSchema>;

export const applicationSchema = z.object({
  table: z.string(),
  format: z.enum(leaseFormats),
  /** How the table was tied to this stream: named by the user, leases naming the stream (multi-stream), or only matching shard ids. */
  match: z.enum(['named', 'stream-in-lease', 'shard-ids']),
  shards: z.array(applicationShardSchema),
  workers: z.array(z.string()),
  /** The shard that holds the application back most, and why; null when it has no shard to read. */
  worst: z
    .object({ shardId: z.string(), condition: z.enum(shardConditions), lagMillis: z.number().nullable(), text: z.string() })
    .nullable(),
  /** Problems reading it (a refused Scan, a table that is not a lease table). */
  error: z.string().nullable(),
});
export type Application = z.infer<typeof applicationSchema>;

export const lambdaMappingSchema = z.object({
  uuid: z.string(),
  functionArn: z.string().nullable(),
  state: z.string().nullable(),
  stateReason: z.string().nullable(),
  batchSize: z.number().nullable(),
  startingPosition: z.string().nullable(),
  lastProcessingResult: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** The on-failure destination's ARN, and the queue's URL when it is an SQS queue. */
  onFailure: z.object({ destination: z.string(), queueUrl: z.string().nullable() }).nullable(),
});
export type LambdaMapping = z.infer<typeof lambdaMappingSchema>;

/** A part of the report that could not be read, and why (no permission, no such service on this endpoint). */
const partSchema = <T extends z.ZodType>(item: T) =>
  z.object({ available: z.boolean(), reason: z.string().nullable(), remedy: remedySchema.optional(), items: z.array(item) });

export const consumersReportSchema = z.object({
  stream: z.string(),
  time: z.string(),
  enhancedFanOut: partSchema(z.object({ name: z.string(), status: z.string(), createdAt: z.string().nullable() })),
  applications: partSchema(applicationSchema),
  lambda: partSchema(lambdaMappingSchema),
  /** Where lease tables were read: a local endpoint, or AWS's DynamoDB in the region. */
  leaseTablesAt: z.string().nullable(),
});
export type ConsumersReport = z.infer<typeof consumersReportSchema>;

export const consumersInputSchema = z
  .object({
    stream: streamNameSchema,
    /** Lease tables (= KCL application names) to read; none: look for tables with the KCL lease shape. */
    leaseTables: z.array(tableNameSchema).max(20).default([]),
  })
  .strict();
export type ConsumersInput = z.input<typeof consumersInputSchema>;

export const consumersSampleSchema = z.object({ sessionId: z.string(), report: consumersReportSchema });
export type ConsumersSample = z.infer<typeof consumersSampleSchema>;

/** Where a moved checkpoint goes. A time resumes at the first record at or after it; a sequence number counts as processed. */
export const checkpointTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['TRIM_HORIZON', 'LATEST']) }),
  z.object({ type: z.literal('AT_TIMESTAMP'), timestamp: z.iso.datetime({ offset: true }) }),
  z.object({ type: z.literal('AFTER_SEQUENCE_NUMBER'), sequenceNumber: sequenceNumberSchema }),
]);
export type CheckpointTarget = z.infer<typeof checkpointTargetSchema>;

export const checkpointMoveInputSchema = z
  .object({
    stream: streamNameSchema,
    table: tableNameSchema,
    /** One shard, or every leased shard of the stream when null. */
    shardId: z.string().min(1).max(128).nullable(),
    to: checkpointTargetSchema,
    /** How long no lease may have been renewed: the application is taken to be stopped. */
    quietSeconds: z.number().int().min(5).max(3_600).default(20),
  })
  .strict();
export type CheckpointMoveInput = z.input<typeof checkpointMoveInputSchema>;

/** The most leases one move names (a stream's shards and their recent ancestors), and the longest key of one. */
export const MAX_MOVE_LEASES = 10_000;
export const MAX_LEASE_KEY_LENGTH = 512;

/** One lease as the confirmed plan moves it. */
export const expectedLeaseMoveSchema = z
  .object({ leaseKey: z.string().max(MAX_LEASE_KEY_LENGTH), leaseCounter: z.number(), to: checkpointSchema })
  .strict();

/** A move names the plan the user confirmed: its token, and the plan lease by lease. */
export const checkpointMoveApplySchema = checkpointMoveInputSchema
  .extend({
    /** A move whose fresh plan differs (a counter moved, a target resolved elsewhere) is refused rather than made unseen. */
    expected: z.array(expectedLeaseMoveSchema).max(MAX_MOVE_LEASES),
    token: planTokenSchema,
  })
  .strict();
export type CheckpointMoveApply = z.input<typeof checkpointMoveApplySchema>;

/** Whether the table has been quiet long enough for a move; reads the leases only. */
export const leaseQuietSchema = z.object({
  blocker: z.string().nullable(),
  waitingForQuiet: z.boolean(),
  quietForSeconds: z.number(),
});
export type LeaseQuiet = z.infer<typeof leaseQuietSchema>;

export const checkpointMovePlanSchema = z.object({
  table: z.string(),
  stream: z.string(),
  changes: z.array(
    z.object({
      leaseKey: z.string(),
      shardId: z.string(),
      owner: z.string().nullable(),
      leaseCounter: z.number(),
      from: checkpointSchema.nullable(),
      to: checkpointSchema,
      /** What the application will read first after the move, as far as is known. */
      resumesAt: z.string(),
    }),
  ),
  /** Leases an every-shard move leaves alone, and why (a shard gone from the stream, one read to its end). */
  skipped: z.array(z.object({ shardId: z.string(), reason: z.string() })),
  /** Why it cannot be applied now (a worker renewed a lease), or null. */
  blocker: z.string().nullable(),
  /** Blocked only because the table has not been watched for long enough yet: asking again later may pass. */
  waitingForQuiet: z.boolean(),
  /** Seconds the lease table has been watched without a renewal. */
  quietForSeconds: z.number(),
  /** The same change with the AWS CLI, one command per lease. */
  awsCli: z.array(z.string()),
});
export type CheckpointMovePlan = z.infer<typeof checkpointMovePlanSchema>;

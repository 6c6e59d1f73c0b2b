import { z } from 'zod';
import { streamNameSchema } from './streams';

const shardIdSchema = z.string().min(1).max(128);
const tagKeySchema = z.string().min(1).max(128);
export const shardLevelMetrics = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
] as const;

/** Where a split cuts a shard: its middle, a hash key, or the hash of a partition key. */
export const splitAtSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('middle') }),
  z.object({
    type: z.literal('hash'),
    hashKey: z
      .string()
      .max(39)
      .regex(/^\d{1,39}$/, 'A hash key is a whole number below 2^128.'),
  }),
  z.object({ type: z.literal('key'), partitionKey: z.string().min(1).max(256) }),
]);

/** Every change an operator makes to a stream; each is planned (shown) before it is applied. */
export const streamChangeSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('create'),
      stream: streamNameSchema,
      mode: z.enum(['PROVISIONED', 'ON_DEMAND']),
      shards: z.number().int().min(1).max(10_000).nullable(),
    })
    .strict(),
  z.object({ type: z.literal('delete'), stream: streamNameSchema, force: z.boolean().default(false) }).strict(),
  z.object({ type: z.literal('reshard'), stream: streamNameSchema, shards: z.number().int().min(1).max(10_000) }).strict(),
  z.object({ type: z.literal('split'), stream: streamNameSchema, shardId: shardIdSchema, at: splitAtSchema }).strict(),
  z.object({ type: z.literal('merge'), stream: streamNameSchema, shardId: shardIdSchema, adjacentShardId: shardIdSchema }).strict(),
  z
    .object({
      type: z.literal('retention'),
      stream: streamNameSchema,
      hours: z.number().int().min(24, 'Kinesis keeps records 24 hours at least.').max(8_760, 'At most 8,760 hours (365 days).'),
    })
    .strict(),
  z.object({ type: z.literal('mode'), stream: streamNameSchema, mode: z.enum(['PROVISIONED', 'ON_DEMAND']) }).strict(),
  z
    .object({
      type: z.literal('encryption'),
      stream: streamNameSchema,
      enabled: z.boolean(),
      keyId: z.string().min(1).max(2_048).default('alias/aws/kinesis'),
    })
    .strict(),
  z.object({ type: z.literal('monitoring'), stream: streamNameSchema, metrics: z.array(z.enum(shardLevelMetrics)).max(7) }).strict(),
  z
    .object({
      type: z.literal('tags'),
      stream: streamNameSchema,
      set: z.record(tagKeySchema, z.string().max(256)).default({}),
      remove: z.array(tagKeySchema).max(50).default([]),
    })
    .strict(),
  z
    .object({
      type: z.literal('consumer'),
      stream: streamNameSchema,
      action: z.enum(['register', 'deregister']),
      name: z
        .string()
        .min(1)
        .max(128)
        .regex(/^[a-zA-Z0-9_.-]+$/, 'A consumer name has letters, digits and . _ - only.'),
    })
    .strict(),
]);
export type StreamChange = z.output<typeof streamChangeSchema>;
export type StreamChangeInput = z.input<typeof streamChangeSchema>;

const rangeSchema = z.object({ start: z.string(), end: z.string() });

/** A change as it would happen: before and after, what it costs, the limits it meets, and the AWS CLI that does the same. */
export const changePlanSchema = z.object({
  summary: z.string(),
  /** Settings side by side: what each is now and will be. */
  settings: z.array(z.object({ name: z.string(), before: z.string(), after: z.string() })),
  /** Open shards' hash-key ranges now and after, where the shard map changes. */
  shardsBefore: z.array(rangeSchema.extend({ shardId: z.string() })).nullable(),
  shardsAfter: z.array(rangeSchema).nullable(),
  /** Open shard-hours a day, where they change (a provisioned stream pays for each). */
  shardHoursPerDay: z.object({ before: z.number(), after: z.number() }).nullable(),
  /** Rules the change meets, said before it is tried. */
  limits: z.array(z.string()),
  /** Why it cannot be applied as asked; empty when it can. */
  blockers: z.array(z.string()),
  /** The calls it takes, in order (a reshard by splits and merges takes several). */
  steps: z.array(z.string()),
  awsCli: z.array(z.string()),
});
export type ChangePlan = z.infer<typeof changePlanSchema>;

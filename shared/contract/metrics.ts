import { z } from 'zod';
import { startPositionSchema } from './preview';
import { streamNameSchema } from './streams';

/** Kinesis per-shard limits the charts draw reference lines at. */
export const SHARD_LIMITS = {
  readBytesPerSecond: 2 * 1024 * 1024,
  readCallsPerSecond: 5,
  writeBytesPerSecond: 1024 * 1024,
  writeRecordsPerSecond: 1000,
} as const;

export const shardSampleSchema = z.object({
  shardId: z.string(),
  recordsPerSecond: z.number(),
  userRecordsPerSecond: z.number(),
  bytesPerSecond: z.number(),
  millisBehindLatest: z.number().nullable(),
  /** This meter's own GetRecords calls a second on the shard. */
  getRecordsCalls: z.number(),
  /** Every Shardscope session's calls a second on the shard: what it takes of the 5 Kinesis allows. */
  ownCallsPerSecond: z.number(),
  /** The connection's read budget for the shard, in calls a second. */
  budgetCallsPerSecond: z.number(),
  throttled: z.number().int(),
  /** More than twice the mean rate of the shards read. */
  hot: z.boolean(),
  /** Which limit the shard is close to, if any. */
  nearLimit: z.string().nullable(),
  /** The partition keys that brought it most records in this interval. */
  topKeys: z.array(z.object({ key: z.string(), share: z.number() })),
});
export type ShardSample = z.infer<typeof shardSampleSchema>;

export const metricsSampleSchema = z.object({
  sessionId: z.string(),
  time: z.string(),
  recordsPerSecond: z.number(),
  userRecordsPerSecond: z.number(),
  bytesPerSecond: z.number(),
  shards: z.array(shardSampleSchema),
});
export type MetricsSample = z.infer<typeof metricsSampleSchema>;

export const metricsStartInputSchema = z
  .object({
    stream: streamNameSchema,
    position: startPositionSchema.default({ type: 'LATEST' }),
    /** How often a sample is sent; a second by default. */
    intervalMs: z.number().int().min(100).max(86_400_000).optional(),
    /** Where the meter stops by itself; none: it measures until stopped. */
    until: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('caught-up') }),
        z.object({ type: z.literal('time'), time: z.iso.datetime({ offset: true }) }),
      ])
      .optional(),
  })
  .strict();

export const cloudWatchSeriesSchema = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  series: z.array(
    z.object({ metric: z.string(), statistic: z.string(), points: z.array(z.object({ time: z.string(), value: z.number() })) }),
  ),
});
export type CloudWatchSeries = z.infer<typeof cloudWatchSeriesSchema>;

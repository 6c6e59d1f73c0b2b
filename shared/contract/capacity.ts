import { z } from 'zod';
import { streamNameSchema } from './streams';

const rate = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();
const price = z.number().finite().nonnegative();

/**
 * What a stream carries, the one input of the cost model: from CloudWatch, from a measured
 * window (the heat report), or given by hand for a stream that does not exist yet.
 */
export const loadProfileSchema = z
  .object({
    region: z.string().min(1).max(32),
    peakRecordsPerSec: rate,
    peakBytesPerSec: rate,
    averageRecordsPerSec: rate,
    averageBytesPerSec: rate,
    /** Bytes read a second by shared-throughput consumers (GetRecords), at peak and on average. */
    peakReadBytesPerSec: rate,
    averageReadBytesPerSec: rate,
    /** Enhanced fan-out consumers: each gets every byte written, at 2 MiB/s per shard of its own. */
    efoConsumers: count.max(20),
    retentionHours: z.number().int().min(24).max(8760),
    /** Where the figures came from, said beside the estimate. */
    source: z.string().max(200),
  })
  .strict()
  .refine((p) => p.averageRecordsPerSec <= p.peakRecordsPerSec && p.averageBytesPerSec <= p.peakBytesPerSec, {
    message: 'An average cannot exceed its peak.',
  });
export type LoadProfile = z.infer<typeof loadProfileSchema>;

export const regionPricesSchema = z
  .object({
    provisioned: z
      .object({
        shardHour: price,
        putPayloadUnitsPerMillion: price,
        extendedRetentionShardHour: price,
        longTermRetentionGbMonth: price,
        efoConsumerShardHour: price,
        efoDataGb: price,
      })
      .strict(),
    onDemand: z
      .object({
        streamHour: price,
        dataInGb: price,
        dataOutGb: price,
        extendedRetentionGbMonth: price,
        longTermRetentionGbMonth: price,
        efoDataGb: price,
      })
      .strict(),
  })
  .strict();
export type RegionPrices = z.infer<typeof regionPricesSchema>;

export const priceTableSchema = z
  .object({
    source: z.string().max(500).url('The price table needs a source: the URL the figures came from.'),
    takenOn: z
      .string()
      .max(10)
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'takenOn is the date the prices were taken, as YYYY-MM-DD.'),
    currency: z.literal('USD'),
    notes: z.array(z.string().max(2000)).max(50).default([]),
    regions: z.record(
      z
        .string()
        .max(32)
        .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'A region is named like us-east-1.'),
      regionPricesSchema,
    ),
  })
  .strict()
  .refine((table) => Object.keys(table.regions).length > 0, 'The price table names no region.');
export type PriceTable = z.infer<typeof priceTableSchema>;

export const costLineSchema = z.object({
  item: z.string(),
  quantity: z.number(),
  unit: z.string(),
  unitPrice: z.number(),
  cost: z.number(),
});
export type CostLine = z.infer<typeof costLineSchema>;

export const modeCostSchema = z.object({ monthly: z.number(), lines: z.array(costLineSchema) });
export type ModeCost = z.infer<typeof modeCostSchema>;

export const capacityEstimateSchema = z.object({
  profile: loadProfileSchema,
  prices: z.object({ region: z.string(), source: z.string(), takenOn: z.string(), fromFile: z.boolean() }),
  hoursPerMonth: z.number(),
  shards: z.object({
    needed: z.number().int(),
    byRecordsIn: z.number().int(),
    byBytesIn: z.number().int(),
    byBytesOut: z.number().int(),
    limitedBy: z.enum(['records-in', 'bytes-in', 'bytes-out']),
  }),
  provisioned: modeCostSchema,
  onDemand: modeCostSchema,
  cheaper: z.enum(['provisioned', 'on-demand', 'equal']),
  /** Average over peak throughput, 0 to 1. */
  utilisation: z.number(),
  /** The utilisation at which the cheaper mode changes, or null when one mode wins at every utilisation. */
  flipsAt: z.number().nullable(),
  flipNote: z.string(),
});
export type CapacityEstimate = z.infer<typeof capacityEstimateSchema>;

/** A load given by hand: what is not given defaults from what is (average = peak, no readers beyond one). */
export const manualLoadSchema = z
  .object({
    peakRecordsPerSec: rate,
    peakBytesPerSec: rate,
    averageRecordsPerSec: rate.optional(),
    averageBytesPerSec: rate.optional(),
    sharedConsumers: count.max(20).optional(),
    efoConsumers: count.max(20).optional(),
    retentionHours: z.number().int().min(24).max(8760).optional(),
    /** Where the figures come from, when not typed in: a heat window. */
    source: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ManualLoad = z.infer<typeof manualLoadSchema>;

export const capacityInputSchema = z
  .object({
    name: streamNameSchema.optional(),
    days: z.number().int().min(1).max(14).default(14),
    region: z.string().min(1).max(32).optional(),
    load: manualLoadSchema.optional(),
    prices: priceTableSchema.optional(),
  })
  .strict()
  .refine((input) => input.name !== undefined || input.load !== undefined, 'Name a stream or give its load.');
export type CapacityInput = z.input<typeof capacityInputSchema>;

export const shardThrottlingInputSchema = z
  .object({ name: streamNameSchema, from: z.string().datetime(), until: z.string().datetime() })
  .strict()
  .refine((input) => Date.parse(input.from) < Date.parse(input.until), 'The window must end after it starts.');

export const shardThrottlingSchema = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  /** Which of the two throttling metrics enhanced shard-level monitoring publishes for this stream. */
  monitored: z.object({ write: z.boolean(), read: z.boolean() }),
  shards: z.array(
    z.object({
      shardId: z.string(),
      writeThrottled: z.number().nullable(),
      readThrottled: z.number().nullable(),
    }),
  ),
});
export type ShardThrottling = z.infer<typeof shardThrottlingSchema>;

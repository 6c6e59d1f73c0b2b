import { z } from 'zod';
import { streamChangeSchema } from './admin';
import type { ManualLoad } from './capacity';
import { startPositionSchema } from './preview';
import { searchEndSchema, searchProgressSchema } from './search';
import { streamNameSchema } from './streams';

/** A shard's write limits in provisioned mode: what each second of heat is measured against. */
export const SHARD_WRITE_LIMITS = { recordsPerSecond: 1_000, bytesPerSecond: 1024 * 1024 } as const;
/** Buckets of the histogram of each shard's hash range. */
export const HEAT_HISTOGRAM_BUCKETS = 64;

export const heatInputSchema = z
  .object({
    stream: streamNameSchema,
    shardIds: z.array(z.string().min(1).max(128)).max(1_000).optional(),
    from: startPositionSchema,
    until: searchEndSchema,
    /** The step of each shard's series; seconds over a limit are counted per second either way. */
    by: z.enum(['second', 'minute']).default('second'),
    /** Keys listed overall and per shard. */
    top: z.number().int().min(1).max(1_000).default(10),
  })
  .strict();
export type HeatInput = z.input<typeof heatInputSchema>;
export type HeatSpec = z.output<typeof heatInputSchema>;

const hashKeySchema = z.string().regex(/^\d{1,39}$/);
const rangeSchema = z.object({ start: hashKeySchema, end: hashKeySchema });
/** A count from the sketch: the true figure lies within [count - error, count]; error 0 is exact. */
const boundedSchema = z.object({ count: z.number(), error: z.number() });
const rateSchema = z.object({ recordsPerSecond: z.number(), bytesPerSecond: z.number() });
const loadSchema = z.object({ records: z.number().int(), userRecords: z.number().int(), bytes: z.number().int() });

export const heatKeySchema = z.object({
  partitionKey: z.string(),
  /** Set when the KPL routed this user record by an explicit hash key: the key is then the pair. */
  explicitHashKey: z.string().max(256).nullable(),
  /** Where the key routes: its explicit hash key, or the MD5 of its partition key; null when the key is masked (the hash would give it away). */
  hashKey: hashKeySchema.nullable(),
  /** Masking rules of the connection covered the key: partitionKey and explicitHashKey are as the rules left them. */
  masked: z.boolean().optional(),
  userRecords: boundedSchema,
  bytes: boundedSchema,
  /** Of the bytes of the whole window (overall) or of the shard (per shard), 0..1, from bytes.count. */
  share: z.number(),
});
export type HeatKey = z.infer<typeof heatKeySchema>;

export const heatPointSchema = z.object({ at: z.iso.datetime(), ...loadSchema.shape });

export const splitPointSchema = z.object({
  /** The first hash key of the upper child (SplitShard's NewStartingHashKey). */
  hashKey: hashKeySchema,
  /** What was halved: the load nearer its limit at the shard's peak. */
  measure: z.enum(['bytes', 'records']),
  children: z.array(z.object({ hashKeyRange: rangeSchema, share: z.number(), peak: rateSchema })).length(2),
});
export type SplitPoint = z.infer<typeof splitPointSchema>;

export const heatShardSchema = z.object({
  shardId: z.string(),
  open: z.boolean(),
  hashKeyRange: rangeSchema,
  totals: loadSchema,
  /** The busiest second: Kinesis records (an aggregate counts once, as Kinesis counts it) and bytes. */
  peak: rateSchema.extend({ recordsAt: z.iso.datetime().nullable(), bytesAt: z.iso.datetime().nullable() }),
  secondsOverLimit: z.object({ records: z.number().int(), bytes: z.number().int(), either: z.number().int() }),
  /** Seconds with at least one record. */
  activeSeconds: z.number().int(),
  /** One point per second or minute that had records, in time order. */
  series: z.array(heatPointSchema),
  /** Bytes and user records by where their hash falls in the shard's range, in equal slices of it. */
  histogram: z.object({
    buckets: z.array(z.object({ hashKeyRange: rangeSchema, userRecords: z.number().int(), bytes: z.number().int() })),
    /** Hashes outside the range: plain records routed by an explicit hash key GetRecords does not return, or KPL user records the producer placed elsewhere. */
    outside: z.object({ userRecords: z.number().int(), bytes: z.number().int() }),
  }),
  topKeys: z.array(heatKeySchema),
  /** Where a split halves the measured load; null for a closed shard or one with nothing placed in its range. */
  split: splitPointSchema.nullable(),
});
export type HeatShard = z.infer<typeof heatShardSchema>;

export const hotKeySchema = z.object({
  id: z.string(),
  shardId: z.string(),
  key: heatKeySchema,
  /** over-limit: the key alone passes a write limit; over-half: it is more than half its shard, so no split halves it. */
  reason: z.enum(['over-limit', 'over-half']),
  /** Its share of the shard times the shard's peak second. */
  peak: rateSchema,
  /** Suffixes to add to the key so that each salted key stays under half a shard's limits. */
  salts: z.number().int().min(2),
  perSalt: rateSchema,
});

export const splitSuggestionSchema = z.object({
  id: z.string(),
  shardId: z.string(),
  split: splitPointSchema,
  /** Why the shard is hot: seconds over a limit, or a peak above HOT_SHARE of one. */
  reason: z.enum(['over-limit', 'near-limit']),
  change: streamChangeSchema,
});

export const mergeSuggestionSchema = z.object({
  id: z.string(),
  shardId: z.string(),
  adjacentShardId: z.string(),
  /** The two peaks added: an upper bound of the merged shard's busiest second. */
  peak: rateSchema,
  change: streamChangeSchema,
});

export const heatReportSchema = z.object({
  stream: z.string(),
  /** The step of the series given: by the minute when by the second would pass two hours (coarsened). */
  by: z.enum(['second', 'minute']),
  coarsened: z.boolean(),
  limits: rateSchema,
  firstArrival: z.iso.datetime().nullable(),
  lastArrival: z.iso.datetime().nullable(),
  totals: loadSchema,
  /**
   * The whole stream's write load over the window, for a capacity estimate: the busiest step's
   * rate (a minute's mean when the series is by the minute) and the mean over the window's seconds.
   */
  streamLoad: z.object({ peak: rateSchema, average: rateSchema, stepSeconds: z.number().int(), seconds: z.number().int() }),
  shards: z.array(heatShardSchema),
  topKeys: z.array(heatKeySchema),
  sketch: z.object({ capacity: z.number().int(), perShardCapacity: z.number().int(), exact: z.boolean() }),
  suggestions: z.object({
    splits: z.array(splitSuggestionSchema),
    merges: z.array(mergeSuggestionSchema),
    hotKeys: z.array(hotKeySchema),
  }),
});
export type HeatReport = z.infer<typeof heatReportSchema>;
export type HotKey = z.infer<typeof hotKeySchema>;
export type SplitSuggestion = z.infer<typeof splitSuggestionSchema>;
export type MergeSuggestion = z.infer<typeof mergeSuggestionSchema>;

/** Progress as a search's, with the bytes read so far. */
export const heatProgressSchema = searchProgressSchema
  .omit({ matched: true, errors: true, firstError: true })
  .extend({ bytes: z.number().int() });
export type HeatProgress = z.infer<typeof heatProgressSchema>;

/**
 * The load a capacity estimate takes from a heat window. Reads were not measured, so one shared
 * reader taking every byte is assumed, as the cost model does without CloudWatch.
 */
export function capacityLoadOf(report: HeatReport): ManualLoad {
  const { peak, average, stepSeconds, seconds } = report.streamLoad;
  const step = stepSeconds === 60 ? 'the busiest minute’s mean' : 'the busiest second';
  return {
    peakRecordsPerSec: peak.recordsPerSecond,
    peakBytesPerSec: peak.bytesPerSecond,
    averageRecordsPerSec: average.recordsPerSecond,
    averageBytesPerSec: average.bytesPerSecond,
    source: `measured over ${seconds.toLocaleString('en-US')} s of ${report.stream} by heat (peak: ${step})`,
  };
}

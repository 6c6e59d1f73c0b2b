import {
  HEAT_HISTOGRAM_BUCKETS,
  SHARD_WRITE_LIMITS,
  type HeatKey,
  type HeatReport,
  type HeatShard,
  type HeatSpec,
} from '../../../shared/contract/heat';
import type { Shard } from '../../../shared/contract';
import { OVERALL_CAPACITY, type HeatCollector } from './heat-collector';
import { PER_SHARD_CAPACITY, type KeyValue, type ShardHeat } from './shard-heat';
import type { SpaceSaving } from './space-saving';
import { bucketRange, halvingCut, type HashRange } from './split-point';
import { suggest } from './suggestions';

/** A series by the second longer than this (two hours) is given by the minute: a report stays small enough to send to a window. */
export const MAX_SECOND_POINTS = 7_200;

/** The series in steps of `step` seconds, in time order. */
function seriesOf(heat: ShardHeat, step: number): HeatShard['series'] {
  const points = new Map<number, { records: number; userRecords: number; bytes: number }>();
  for (const [at, load] of heat.series) {
    const key = Math.floor(at / step) * step;
    const point = points.get(key) ?? { records: 0, userRecords: 0, bytes: 0 };
    point.records += load.records;
    point.userRecords += load.userRecords;
    point.bytes += load.bytes;
    points.set(key, point);
  }
  return [...points.entries()].sort(([a], [b]) => a - b).map(([at, load]) => ({ at: iso(at)!, ...load }));
}

const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

/** The heaviest keys by bytes, each with its user records from the other sketch (or the most an unheld key can have). */
function topKeys(byBytes: SpaceSaving<KeyValue>, byRecords: SpaceSaving<KeyValue>, n: number): HeatKey[] {
  const total = byBytes.weight;
  return byBytes.top(n).map((entry) => {
    const records = byRecords.get(entry.key);
    const floor = byRecords.floor;
    return {
      partitionKey: entry.value.partitionKey,
      explicitHashKey: entry.value.explicitHashKey,
      hashKey: entry.value.hash.exact().toString(),
      userRecords: records ? { count: records.count, error: records.error } : { count: floor, error: floor },
      bytes: { count: entry.count, error: entry.error },
      share: total > 0 ? entry.count / total : 0,
    };
  });
}

/** Which load a split should halve: the one whose peak second is nearer its limit. */
function measureOf(heat: ShardHeat): 'bytes' | 'records' {
  return heat.peak.records / SHARD_WRITE_LIMITS.recordsPerSecond > heat.peak.bytes / SHARD_WRITE_LIMITS.bytesPerSecond
    ? 'records'
    : 'bytes';
}

function splitOf(shard: Shard, heat: ShardHeat): HeatShard['split'] {
  if (!shard.open) return null;
  const range: HashRange = { start: BigInt(shard.hashKeyRange.start), end: BigInt(shard.hashKeyRange.end) };
  const measure = measureOf(heat);
  const sketch = measure === 'bytes' ? heat.byBytes : heat.byRecords;
  const buckets = [...(measure === 'bytes' ? heat.histogram.bytes : heat.histogram.userRecords)];
  // The lower bound of each heavy key: what it surely carries.
  const heavy = sketch.top(PER_SHARD_CAPACITY).map((e) => ({ hashKey: e.value.hash.exact(), weight: e.count - e.error }));
  const cut = halvingCut(range, buckets, heavy);
  if (!cut) return null;
  const total = cut.lower + cut.upper;
  const child = (hashKeyRange: HashRange, weight: number) => ({
    hashKeyRange: { start: hashKeyRange.start.toString(), end: hashKeyRange.end.toString() },
    share: weight / total,
    // The shard's busiest second, shared as the window's load is: its shape is taken to hold.
    peak: { recordsPerSecond: (heat.peak.records * weight) / total, bytesPerSecond: (heat.peak.bytes * weight) / total },
  });
  return {
    hashKey: cut.hashKey.toString(),
    measure,
    children: [child({ start: range.start, end: cut.hashKey - 1n }, cut.lower), child({ start: cut.hashKey, end: range.end }, cut.upper)],
  };
}

function shardReport(shard: Shard, heat: ShardHeat, top: number, step: number): HeatShard {
  const range: HashRange = { start: BigInt(shard.hashKeyRange.start), end: BigInt(shard.hashKeyRange.end) };
  return {
    shardId: shard.shardId,
    open: shard.open,
    hashKeyRange: shard.hashKeyRange,
    totals: { ...heat.totals },
    peak: {
      recordsPerSecond: heat.peak.records,
      bytesPerSecond: heat.peak.bytes,
      recordsAt: iso(heat.peak.recordsAt),
      bytesAt: iso(heat.peak.bytesAt),
    },
    secondsOverLimit: { ...heat.over },
    activeSeconds: heat.activeSeconds,
    series: seriesOf(heat, step),
    histogram: {
      buckets: Array.from({ length: HEAT_HISTOGRAM_BUCKETS }, (_, i) => {
        const slice = bucketRange(range, i, HEAT_HISTOGRAM_BUCKETS);
        return {
          hashKeyRange: { start: slice.start.toString(), end: slice.end.toString() },
          userRecords: heat.histogram.userRecords[i]!,
          bytes: heat.histogram.bytes[i]!,
        };
      }),
      outside: { ...heat.outside },
    },
    topKeys: topKeys(heat.byBytes, heat.byRecords, top),
    split: splitOf(shard, heat),
  };
}

/**
 * The stream's load step by step, all shards added: shards are read at different times, so only
 * the per-step series (kept by every shard for the whole window) can be added up afterwards.
 */
function streamLoadOf(collector: HeatCollector, stepSeconds: number): HeatReport['streamLoad'] {
  const steps = new Map<number, { records: number; bytes: number }>();
  for (const heat of collector.shards.values())
    for (const [at, load] of heat.series) {
      const step = steps.get(at) ?? { records: 0, bytes: 0 };
      step.records += load.records;
      step.bytes += load.bytes;
      steps.set(at, step);
    }
  const busiest = (pick: (s: { records: number; bytes: number }) => number) =>
    [...steps.values()].reduce((max, s) => Math.max(max, pick(s)), 0) / stepSeconds;
  const span = Number.isFinite(collector.firstArrival)
    ? Math.floor(collector.lastArrival / 1000) - Math.floor(collector.firstArrival / 1000) + 1
    : 0;
  const seconds = Math.max(1, span);
  const peak = { recordsPerSecond: busiest((s) => s.records), bytesPerSecond: busiest((s) => s.bytes) };
  // A window shorter than its one minute step would otherwise average above that minute's mean.
  return {
    peak,
    average: {
      recordsPerSecond: Math.min(peak.recordsPerSecond, collector.totals.records / seconds),
      bytesPerSecond: Math.min(peak.bytesPerSecond, collector.totals.bytes / seconds),
    },
    stepSeconds,
    seconds: span,
  };
}

/** The window's heat, UI-ready: every shard read (and every open one, cold or not), the heavy keys, and what to do. */
export function heatReport(collector: HeatCollector, spec: HeatSpec): HeatReport {
  collector.finish();
  const coarsened = spec.by === 'second' && [...collector.shards.values()].some((heat) => heat.series.size > MAX_SECOND_POINTS);
  const by = coarsened ? 'minute' : spec.by;
  const wanted = spec.shardIds ? new Set(spec.shardIds) : null;
  const shards = collector.shardList
    .filter((shard) => collector.shards.has(shard.shardId) || (shard.open && (!wanted || wanted.has(shard.shardId))))
    .sort((a, b) => (BigInt(a.hashKeyRange.start) < BigInt(b.hashKeyRange.start) ? -1 : 1) || a.shardId.localeCompare(b.shardId))
    .map((shard) => {
      const heat = collector.heatOf(shard.shardId);
      return { shard, heat, report: shardReport(shard, heat, spec.top, by === 'minute' ? 60 : 1) };
    });
  const exact = [collector.byBytes, collector.byRecords, ...[...collector.shards.values()].flatMap((h) => [h.byBytes, h.byRecords])].every(
    (sketch) => sketch.exact,
  );
  const reports = shards.map((s) => s.report);
  return {
    stream: spec.stream,
    by,
    coarsened,
    limits: { ...SHARD_WRITE_LIMITS },
    firstArrival: Number.isFinite(collector.firstArrival) ? new Date(collector.firstArrival).toISOString() : null,
    lastArrival: Number.isFinite(collector.lastArrival) ? new Date(collector.lastArrival).toISOString() : null,
    totals: { ...collector.totals },
    streamLoad: streamLoadOf(collector, spec.by === 'minute' ? 60 : 1),
    shards: reports,
    topKeys: topKeys(collector.byBytes, collector.byRecords, spec.top),
    sketch: { capacity: OVERALL_CAPACITY, perShardCapacity: PER_SHARD_CAPACITY, exact },
    suggestions: suggest(spec.stream, reports),
  };
}

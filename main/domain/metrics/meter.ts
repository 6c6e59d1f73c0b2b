import type { MetricsSample, ShardSample } from '../../../shared/contract';
import { SHARD_LIMITS } from '../../../shared/contract/metrics';

interface Window {
  records: number;
  userRecords: number;
  bytes: number;
  keys: Map<string, number>;
}

export interface ReaderCounters {
  /** This session's GetRecords calls on the shard so far. */
  calls: number;
  throttled: number;
  millisBehindLatest: number | null;
  /** Every session's calls on the shard so far: what Shardscope as a whole takes of it. */
  processCalls?: number;
  budgetCallsPerSecond?: number;
}

const emptyWindow = (): Window => ({ records: 0, userRecords: 0, bytes: 0, keys: new Map() });

/**
 * Counts what a read session reads and turns it into per-second rates, per shard and in total.
 * Kinesis records and user records are counted apart: a KPL aggregate is one of the first and
 * many of the second.
 */
export class Meter {
  private windows = new Map<string, Window>();
  private lastCounters = new Map<string, ReaderCounters>();
  private lastSampleAt: number;

  constructor(now = Date.now()) {
    this.lastSampleAt = now;
  }

  /** One Kinesis record: its partition key, its stored size, and how many user records it holds. */
  add(shardId: string, partitionKey: string, bytes: number, userRecords: number): void {
    let window = this.windows.get(shardId);
    if (!window) this.windows.set(shardId, (window = emptyWindow()));
    window.records++;
    window.userRecords += userRecords;
    window.bytes += bytes;
    window.keys.set(partitionKey, (window.keys.get(partitionKey) ?? 0) + 1);
  }

  /** The rates since the last sample; `readers` holds each shard reader's running totals. */
  sample(sessionId: string, readers: ReadonlyMap<string, ReaderCounters>, now = Date.now()): MetricsSample {
    const seconds = Math.max((now - this.lastSampleAt) / 1000, 0.001);
    this.lastSampleAt = now;
    const shards: ShardSample[] = [...readers].map(([shardId, counters]) => {
      const window = this.windows.get(shardId) ?? emptyWindow();
      const previous = this.lastCounters.get(shardId) ?? {
        calls: 0,
        throttled: 0,
        millisBehindLatest: null,
        processCalls: counters.processCalls,
      };
      this.lastCounters.set(shardId, { ...counters });
      const total = window.records || 1;
      const topKeys = [...window.keys]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([key, count]) => ({ key, share: count / total }));
      const recordsPerSecond = window.records / seconds;
      const bytesPerSecond = window.bytes / seconds;
      return {
        shardId,
        recordsPerSecond,
        userRecordsPerSecond: window.userRecords / seconds,
        bytesPerSecond,
        millisBehindLatest: counters.millisBehindLatest,
        getRecordsCalls: (counters.calls - previous.calls) / seconds,
        ownCallsPerSecond:
          counters.processCalls === undefined
            ? (counters.calls - previous.calls) / seconds
            : (counters.processCalls - (previous.processCalls ?? 0)) / seconds,
        budgetCallsPerSecond: counters.budgetCallsPerSecond ?? SHARD_LIMITS.readCallsPerSecond,
        throttled: counters.throttled - previous.throttled,
        hot: false,
        nearLimit:
          bytesPerSecond >= 0.8 * SHARD_LIMITS.writeBytesPerSecond
            ? 'near the 1 MiB/s write limit'
            : recordsPerSecond >= 0.8 * SHARD_LIMITS.writeRecordsPerSecond
              ? 'near the 1,000 records/s write limit'
              : null,
        topKeys,
      };
    });
    this.windows = new Map();
    // Hot: more than twice the mean rate of the shards read (only meaningful with two or more).
    const mean = shards.reduce((sum, s) => sum + s.recordsPerSecond, 0) / Math.max(shards.length, 1);
    if (shards.length > 1 && mean > 0) for (const shard of shards) shard.hot = shard.recordsPerSecond > 2 * mean;
    return {
      sessionId,
      time: new Date(now).toISOString(),
      recordsPerSecond: shards.reduce((sum, s) => sum + s.recordsPerSecond, 0),
      userRecordsPerSecond: shards.reduce((sum, s) => sum + s.userRecordsPerSecond, 0),
      bytesPerSecond: shards.reduce((sum, s) => sum + s.bytesPerSecond, 0),
      shards,
    };
  }
}

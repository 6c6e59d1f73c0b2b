import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { ShardThrottling, StreamDetail } from '../../../shared/contract';
import type { ConnectionTarget } from '../connections/target';
import { allMetricData, cloudWatchRefusal } from './cloudwatch-load';

const WRITE = 'WriteProvisionedThroughputExceeded';
const READ = 'ReadProvisionedThroughputExceeded';
/** GetMetricData takes at most 500 queries a call. */
const QUERIES_PER_CALL = 500;

/** Which throttling metrics enhanced shard-level monitoring publishes for the stream. */
export function throttlingMonitored(detail: Pick<StreamDetail, 'enhancedMonitoring'>): { write: boolean; read: boolean } {
  const on = new Set(detail.enhancedMonitoring);
  return { write: on.has('ALL') || on.has(WRITE), read: on.has('ALL') || on.has(READ) };
}

/**
 * Per shard, how many calls Kinesis throttled over a window, from CloudWatch's shard-level
 * metrics: set beside measured heat, it shows whether the throttling is explained. The metrics
 * exist only with enhanced monitoring on, which is said rather than shown as zeros.
 */
export async function shardThrottling(
  target: ConnectionTarget,
  detail: Pick<StreamDetail, 'name' | 'enhancedMonitoring'>,
  shardIds: readonly string[],
  from: Date,
  until: Date,
): Promise<ShardThrottling> {
  const monitored = throttlingMonitored(detail);
  const none = (reason: string): ShardThrottling => ({ available: false, reason, monitored, shards: [] });
  if (target.kind !== 'aws') return none('CloudWatch metrics exist only on AWS, not on a local or custom endpoint.');
  if (!monitored.write && !monitored.read)
    return none(
      `Enhanced shard-level monitoring is off for ${detail.name}: CloudWatch has no per-shard ${WRITE} or ${READ} to set beside the heat.`,
    );
  const metrics = [...(monitored.write ? [WRITE] : []), ...(monitored.read ? [READ] : [])];
  // One period spanning the window gives one sum per shard; periods are whole minutes.
  const period = Math.max(60, Math.ceil((until.getTime() - from.getTime()) / 60_000) * 60);
  const queries: MetricDataQuery[] = shardIds.flatMap((shardId, s) =>
    metrics.map((metric) => ({
      Id: `${metric === WRITE ? 'w' : 'r'}${s}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Kinesis',
          MetricName: metric,
          Dimensions: [
            { Name: 'StreamName', Value: detail.name },
            { Name: 'ShardId', Value: shardId },
          ],
        },
        Period: period,
        Stat: 'Sum',
      },
    })),
  );
  const sums = new Map<string, number>();
  try {
    for (let i = 0; i < queries.length; i += QUERIES_PER_CALL) {
      for (const result of await allMetricData(target, queries.slice(i, i + QUERIES_PER_CALL), from, until))
        sums.set(
          result.Id ?? '',
          (result.Values ?? []).reduce((sum, v) => sum + v, 0),
        );
    }
  } catch (error) {
    return none(cloudWatchRefusal(error));
  }
  const half = monitored.write !== monitored.read ? ` Only ${monitored.write ? WRITE : READ} is monitored.` : '';
  return {
    available: true,
    reason: half ? half.trim() : null,
    monitored,
    shards: shardIds.map((shardId, s) => ({
      shardId,
      writeThrottled: monitored.write ? (sums.get(`w${s}`) ?? 0) : null,
      readThrottled: monitored.read ? (sums.get(`r${s}`) ?? 0) : null,
    })),
  };
}

import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { createCloudWatchClient, loadSdk } from '../../aws/clients';
import { classifyAwsError } from '../../aws/errors';
import type { CloudWatchSeries } from '../../../shared/contract';
import { endpointOf, type ConnectionTarget } from '../connections/target';

export const CLOUDWATCH_METRICS = [
  ['IncomingRecords', 'Sum'],
  ['IncomingBytes', 'Sum'],
  ['GetRecords.IteratorAgeMilliseconds', 'Maximum'],
  ['ReadProvisionedThroughputExceeded', 'Sum'],
  ['WriteProvisionedThroughputExceeded', 'Sum'],
] as const;

export function metricQueries(stream: string): MetricDataQuery[] {
  return CLOUDWATCH_METRICS.map(([metric, stat], index) => ({
    Id: `m${index}`,
    Label: metric,
    MetricStat: {
      Metric: { Namespace: 'AWS/Kinesis', MetricName: metric, Dimensions: [{ Name: 'StreamName', Value: stream }] },
      Period: 60,
      Stat: stat,
    },
  }));
}

/** The stream-level CloudWatch metrics of the last three hours at one-minute resolution, where allowed. */
export async function cloudWatchHistory(target: ConnectionTarget, stream: string, now = new Date()): Promise<CloudWatchSeries> {
  if (target.kind !== 'aws')
    return { available: false, reason: 'CloudWatch metrics exist only on AWS, not on a local or custom endpoint.', series: [] };
  const client = await createCloudWatchClient(endpointOf(target));
  const { GetMetricDataCommand } = await loadSdk(() => import('@aws-sdk/client-cloudwatch'));
  try {
    const result = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: metricQueries(stream),
        StartTime: new Date(now.getTime() - 3 * 3_600_000),
        EndTime: now,
      }),
    );
    return {
      available: true,
      reason: null,
      series: (result.MetricDataResults ?? []).map((r, index) => ({
        metric: r.Label ?? CLOUDWATCH_METRICS[index]![0],
        statistic: CLOUDWATCH_METRICS[index]?.[1] ?? '',
        points: (r.Timestamps ?? []).map((t, i) => ({ time: t.toISOString(), value: r.Values?.[i] ?? 0 })).reverse(),
      })),
    };
  } catch (error) {
    const failure = classifyAwsError(error);
    const reason =
      failure.failure === 'access-denied'
        ? `Not allowed: cloudwatch:GetMetricData was refused (${failure.message})`
        : `${failure.name}: ${failure.message}`;
    return { available: false, reason, series: [] };
  } finally {
    client.destroy();
  }
}

/**
 * How many records arrived in a stream between two moments, by CloudWatch's IncomingRecords
 * (AWS only; null elsewhere or when CloudWatch will not say). Hourly sums: a window's size, not an audit.
 */
export async function incomingRecordsBetween(target: ConnectionTarget, stream: string, start: Date, end: Date): Promise<number | null> {
  if (target.kind !== 'aws' || end <= start) return null;
  const client = await createCloudWatchClient(endpointOf(target));
  const { GetMetricDataCommand } = await loadSdk(() => import('@aws-sdk/client-cloudwatch'));
  try {
    const result = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          {
            Id: 'incoming',
            MetricStat: {
              Metric: { Namespace: 'AWS/Kinesis', MetricName: 'IncomingRecords', Dimensions: [{ Name: 'StreamName', Value: stream }] },
              Period: 3_600,
              Stat: 'Sum',
            },
          },
        ],
        StartTime: start,
        EndTime: end,
      }),
    );
    const values = result.MetricDataResults?.[0]?.Values ?? [];
    return values.reduce((sum, value) => sum + value, 0);
  } catch {
    return null;
  } finally {
    client.destroy();
  }
}

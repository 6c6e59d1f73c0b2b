import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { createCloudWatchClient, loadSdk } from '../../aws/clients';
import { classifyAwsError } from '../../aws/errors';
import { endpointOf, type ConnectionTarget } from '../connections/target';
import type { SecondCounts } from './load-profile';

const LOAD_METRICS = ['IncomingRecords', 'IncomingBytes', 'GetRecords.Bytes'] as const;
const MINUTE = 60;

export type CloudWatchLoad =
  { available: true; minutes: number; seconds: SecondCounts[]; source: string } | { available: false; reason: string };

/** Every page of a GetMetricData answer: 14 days of minutes is more than one page holds. */
export async function allMetricData(
  target: Extract<ConnectionTarget, { kind: 'aws' }>,
  queries: MetricDataQuery[],
  start: Date,
  end: Date,
): Promise<MetricDataResult[]> {
  const client = await createCloudWatchClient(endpointOf(target));
  const { GetMetricDataCommand } = await loadSdk(() => import('@aws-sdk/client-cloudwatch'));
  const byId = new Map<string, MetricDataResult>();
  try {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, NextToken: nextToken }),
      );
      for (const result of page.MetricDataResults ?? []) {
        const seen = byId.get(result.Id ?? '');
        if (seen) {
          seen.Timestamps = [...(seen.Timestamps ?? []), ...(result.Timestamps ?? [])];
          seen.Values = [...(seen.Values ?? []), ...(result.Values ?? [])];
        } else byId.set(result.Id ?? '', { ...result });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return [...byId.values()];
  } finally {
    client.destroy();
  }
}

export function cloudWatchRefusal(error: unknown): string {
  const failure = classifyAwsError(error);
  return failure.failure === 'access-denied'
    ? `Not allowed: cloudwatch:GetMetricData was refused (${failure.message})`
    : `${failure.name}: ${failure.message}`;
}

/**
 * The stream's load over the last days from CloudWatch's one-minute sums (kept 15 days), each
 * minute spread over its seconds: a peak here is the busiest minute's mean, not its busiest second.
 */
export async function cloudWatchLoad(target: ConnectionTarget, stream: string, days: number, now = new Date()): Promise<CloudWatchLoad> {
  if (target.kind !== 'aws')
    return { available: false, reason: 'CloudWatch metrics exist only on AWS, not on a local or custom endpoint.' };
  const queries: MetricDataQuery[] = LOAD_METRICS.map((metric, index) => ({
    Id: `load${index}`,
    Label: metric,
    MetricStat: {
      Metric: { Namespace: 'AWS/Kinesis', MetricName: metric, Dimensions: [{ Name: 'StreamName', Value: stream }] },
      Period: MINUTE,
      Stat: 'Sum',
    },
  }));
  let results: MetricDataResult[];
  try {
    results = await allMetricData(target, queries, new Date(now.getTime() - days * 86_400_000), now);
  } catch (error) {
    return { available: false, reason: cloudWatchRefusal(error) };
  }
  const minutes = new Map<number, SecondCounts>();
  for (const [index, metric] of LOAD_METRICS.entries()) {
    const result = results.find((r) => r.Id === `load${index}`);
    (result?.Timestamps ?? []).forEach((time, i) => {
      const at = time.getTime();
      const counts = minutes.get(at) ?? { records: 0, bytes: 0 };
      const perSecond = (result?.Values?.[i] ?? 0) / MINUTE;
      if (metric === 'IncomingRecords') counts.records = perSecond;
      else if (metric === 'IncomingBytes') counts.bytes = perSecond;
      else counts.readBytes = perSecond;
      minutes.set(at, counts);
    });
  }
  if (minutes.size === 0)
    return { available: false, reason: `CloudWatch has no IncomingRecords or IncomingBytes for ${stream} in the last ${days} days.` };
  // A quiet minute may have no point at all: it counts as zero, or the average would ignore it.
  const times = [...minutes.keys()];
  const first = Math.min(...times);
  const last = Math.max(...times);
  const seconds: SecondCounts[] = [];
  for (let at = first; at <= last; at += MINUTE * 1000) seconds.push(minutes.get(at) ?? { records: 0, bytes: 0 });
  return {
    available: true,
    minutes: seconds.length,
    seconds,
    source: `CloudWatch, ${seconds.length} minutes of the last ${days} days (peaks are the busiest minute's mean)`,
  };
}

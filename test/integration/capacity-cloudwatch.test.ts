import { IncreaseStreamRetentionPeriodCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacityEstimate } from '../../main/domain/capacity/capacity-estimate';
import { cloudWatchLoad } from '../../main/domain/capacity/cloudwatch-load';
import { shardThrottling } from '../../main/domain/capacity/shard-throttling';
import { startFakeCloudWatch, type MetricQuery } from '../support/fake-cloudwatch';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

const NOW = new Date('2026-11-28T12:00:00Z');
const minute = (n: number) => NOW.getTime() / 1000 - n * 60;
const dimension = (q: MetricQuery, name: string) => q.MetricStat.Metric.Dimensions.find((d) => d.Name === name)?.Value;

/*
 * Five minutes of load: minute 3 has no point at all (a quiet minute CloudWatch leaves out),
 * the busiest minute carries 90,000 records and 90 MiB, i.e. 1,500 records/s and 1.5 MiB/s.
 */
const LOAD: Record<string, [number, number][]> = {
  IncomingRecords: [
    [minute(5), 30_000],
    [minute(4), 90_000],
    [minute(2), 30_000],
    [minute(1), 0],
  ],
  IncomingBytes: [
    [minute(5), 30 * 1024 * 1024],
    [minute(4), 90 * 1024 * 1024],
    [minute(2), 30 * 1024 * 1024],
    [minute(1), 0],
  ],
};
const THROTTLED: Record<string, number> = { 'shardId-000000000000': 42, 'shardId-000000000001': 0 };

describe('capacity from CloudWatch, and throttling per shard', () => {
  let kinesis: RunningKinesisServer;
  let cloudwatch: Awaited<ReturnType<typeof startFakeCloudWatch>>;
  const saved = process.env.AWS_ENDPOINT_URL_CLOUDWATCH;
  const aws = (accessKeyId = 'AKIAALLOWED') =>
    ({ kind: 'aws', region: 'us-east-1', credentials: async () => ({ accessKeyId, secretAccessKey: 'x' }) }) as const;

  beforeAll(async () => {
    cloudwatch = await startFakeCloudWatch(
      (q) => {
        const metric = q.MetricStat.Metric.MetricName;
        if (metric.endsWith('ProvisionedThroughputExceeded'))
          return [[minute(60), metric.startsWith('Write') ? (THROTTLED[dimension(q, 'ShardId')!] ?? 0) : 1]];
        return LOAD[metric] ?? [];
      },
      { pageSize: 2 },
    );
    process.env.AWS_ENDPOINT_URL_CLOUDWATCH = cloudwatch.endpoint;
    kinesis = await startKinesisServer('kinesalite');
    const client = arrangeClient(kinesis);
    await createStream(client, 'orders', 2);
    await client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'orders', RetentionPeriodHours: 48 }));
    client.destroy();
  });
  afterAll(async () => {
    await Promise.all([cloudwatch?.close(), kinesis?.stop()]);
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_CLOUDWATCH;
    else process.env.AWS_ENDPOINT_URL_CLOUDWATCH = saved;
  });

  it('reads every page of one-minute sums over the days asked, quiet minutes counted as zero', async () => {
    const load = await cloudWatchLoad(aws(), 'orders', 14, NOW);
    expect(load.available).toBe(true);
    if (!load.available) return;
    expect(load.minutes).toBe(5);
    expect(load.seconds.map((s) => s.records)).toEqual([500, 1500, 0, 500, 0]);
    const asked = cloudwatch.requests.filter((r) => r.body.MetricDataQueries[0]?.Label === 'IncomingRecords');
    expect(asked.map((r) => r.body.NextToken ?? null)).toEqual([null, '1']);
    expect(asked[0]!.body.EndTime - asked[0]!.body.StartTime).toBe(14 * 86_400);
    expect(asked[0]!.body.MetricDataQueries.map((q) => [q.MetricStat.Metric.MetricName, q.MetricStat.Period, q.MetricStat.Stat])).toEqual([
      ['IncomingRecords', 60, 'Sum'],
      ['IncomingBytes', 60, 'Sum'],
      ['GetRecords.Bytes', 60, 'Sum'],
    ]);
  });

  it("estimates from CloudWatch's load with the stream's own retention", async () => {
    const client = arrangeClient(kinesis);
    try {
      const estimate = await capacityEstimate(client, aws(), { name: 'orders', days: 14 });
      expect(estimate.profile).toMatchObject({
        peakRecordsPerSec: 1500,
        peakBytesPerSec: 1.5 * 1024 * 1024,
        averageRecordsPerSec: 500,
        retentionHours: 48,
        source: expect.stringMatching(/^CloudWatch, 5 minutes of the last 14 days/),
      });
      expect(estimate.shards).toMatchObject({ needed: 2, byRecordsIn: 2, byBytesIn: 2 });
      expect(estimate.utilisation).toBeCloseTo(1 / 3, 9);
      expect(estimate.provisioned.lines.map((l) => l.item)).toContain('Extended retention (24 h to 7 days)');
    } finally {
      client.destroy();
    }
  });

  it('says clearly when CloudWatch gives no figures, and names the load by hand as the way on', async () => {
    const client = arrangeClient(kinesis);
    try {
      const local = { kind: 'endpoint', endpoint: kinesis.endpoint, region: 'us-east-1' } as const;
      await expect(capacityEstimate(client, local, { name: 'orders', days: 14 })).rejects.toMatchObject({
        code: 'unavailable',
        remedy: 'give-load',
        message: 'No load figures for orders: CloudWatch metrics exist only on AWS, not on a local or custom endpoint.',
      });
      await expect(capacityEstimate(client, aws('AKIADENIED'), { name: 'orders', days: 14 })).rejects.toMatchObject({
        message: expect.stringContaining('Not allowed: cloudwatch:GetMetricData was refused'),
      });
    } finally {
      client.destroy();
    }
  });

  it('sums each shard’s throttled calls over the window where enhanced monitoring publishes them', async () => {
    const from = new Date(NOW.getTime() - 3_600_000);
    const result = await shardThrottling(
      aws(),
      { name: 'orders', enhancedMonitoring: ['WriteProvisionedThroughputExceeded'] },
      ['shardId-000000000000', 'shardId-000000000001'],
      from,
      NOW,
    );
    expect(result).toEqual({
      available: true,
      reason: 'Only WriteProvisionedThroughputExceeded is monitored.',
      monitored: { write: true, read: false },
      shards: [
        { shardId: 'shardId-000000000000', writeThrottled: 42, readThrottled: null },
        { shardId: 'shardId-000000000001', writeThrottled: 0, readThrottled: null },
      ],
    });
    const asked = cloudwatch.requests.at(-1)!.body.MetricDataQueries;
    expect(asked.map((q) => [dimension(q, 'ShardId'), q.MetricStat.Period])).toEqual([
      ['shardId-000000000000', 3600],
      ['shardId-000000000001', 3600],
    ]);
  });

  it('says when enhanced monitoring is off rather than showing zeros', async () => {
    const asked = cloudwatch.requests.length;
    const result = await shardThrottling(aws(), { name: 'orders', enhancedMonitoring: [] }, ['shardId-000000000000'], new Date(0), NOW);
    expect(result).toMatchObject({
      available: false,
      shards: [],
      reason: expect.stringMatching(/^Enhanced shard-level monitoring is off for orders/),
    });
    expect(cloudwatch.requests.length).toBe(asked);
    const all = await shardThrottling(
      aws(),
      { name: 'orders', enhancedMonitoring: ['ALL'] },
      ['shardId-000000000001'],
      new Date(NOW.getTime() - 60_000),
      NOW,
    );
    expect(all).toMatchObject({ available: true, reason: null, shards: [{ writeThrottled: 0, readThrottled: 1 }] });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUDWATCH_METRICS, cloudWatchHistory } from '../../main/domain/metrics/cloudwatch';

/** CloudWatch's GetMetricData on loopback, in its JSON 1.0 protocol; one key is refused. */
async function startFakeCloudWatch(requests: unknown[]): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push({ target: req.headers['x-amz-target'], body: JSON.parse(body) });
      res.setHeader('Content-Type', 'application/x-amz-json-1.0');
      if (/Credential=AKIADENIED/.test(req.headers.authorization ?? '')) {
        res
          .writeHead(400)
          .end(JSON.stringify({ __type: 'AccessDenied', message: 'User is not authorized to perform: cloudwatch:GetMetricData' }));
        return;
      }
      const queries = (JSON.parse(body) as { MetricDataQueries: { Id: string; Label: string }[] }).MetricDataQueries;
      res.writeHead(200).end(
        JSON.stringify({
          MetricDataResults: queries.map((q, i) => ({
            Id: q.Id,
            Label: q.Label,
            StatusCode: 'Complete',
            Timestamps: [Date.parse('2026-11-28T08:01:00Z') / 1000, Date.parse('2026-11-28T08:00:00Z') / 1000],
            Values: [i + 2, i + 1],
          })),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('CloudWatch history', () => {
  const requests: unknown[] = [];
  let fake: Awaited<ReturnType<typeof startFakeCloudWatch>>;
  const saved = process.env.AWS_ENDPOINT_URL_CLOUDWATCH;

  beforeAll(async () => {
    fake = await startFakeCloudWatch(requests);
    process.env.AWS_ENDPOINT_URL_CLOUDWATCH = fake.endpoint;
  });
  afterAll(async () => {
    await fake?.close();
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_CLOUDWATCH;
    else process.env.AWS_ENDPOINT_URL_CLOUDWATCH = saved;
  });

  const aws = (accessKeyId: string) =>
    ({ kind: 'aws', region: 'eu-west-1', credentials: async () => ({ accessKeyId, secretAccessKey: 'x' }) }) as const;

  it('asks for the five stream metrics over three hours at one-minute resolution, oldest point first', async () => {
    const now = new Date('2026-11-28T09:00:00Z');
    const history = await cloudWatchHistory(aws('AKIAALLOWED'), 'orders', now);
    expect(history.available).toBe(true);
    expect(history.series.map((s) => [s.metric, s.statistic])).toEqual(CLOUDWATCH_METRICS.map(([m, s]) => [m, s]));
    expect(history.series[0]!.points).toEqual([
      { time: '2026-11-28T08:00:00.000Z', value: 1 },
      { time: '2026-11-28T08:01:00.000Z', value: 2 },
    ]);
    const request = requests.at(-1) as {
      target: string;
      body: {
        StartTime: number;
        EndTime: number;
        MetricDataQueries: { MetricStat: { Period: number; Metric: { Dimensions: unknown[] } } }[];
      };
    };
    expect(request.target).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(request.body.EndTime - request.body.StartTime).toBe(3 * 3600);
    expect(request.body.MetricDataQueries[0]!.MetricStat).toMatchObject({
      Period: 60,
      Metric: { Dimensions: [{ Name: 'StreamName', Value: 'orders' }] },
    });
  });

  it('says so when GetMetricData is not allowed', async () => {
    const history = await cloudWatchHistory(aws('AKIADENIED'), 'orders');
    expect(history).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^Not allowed: cloudwatch:GetMetricData was refused/),
    });
  });

  it('is not available on a local endpoint', async () => {
    expect(await cloudWatchHistory({ kind: 'endpoint', endpoint: 'http://127.0.0.1:1', region: 'us-east-1' }, 'orders')).toMatchObject({
      available: false,
      reason: expect.stringContaining('only on AWS'),
    });
  });
});

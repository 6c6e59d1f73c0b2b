import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricQuery {
  Id: string;
  Label?: string;
  MetricStat: { Metric: { MetricName: string; Dimensions: { Name: string; Value: string }[] }; Period: number; Stat: string };
}
export interface MetricRequest {
  target: string | undefined;
  body: { StartTime: number; EndTime: number; NextToken?: string; MetricDataQueries: MetricQuery[] };
}
/** Points of one query as [epoch seconds, value], in any order. */
export type MetricAnswer = (query: MetricQuery) => [number, number][];

/**
 * CloudWatch's GetMetricData on loopback, in its JSON 1.0 protocol, answered by a function of
 * each query. With `pageSize`, answers come in pages joined by NextToken, as long ones do.
 * Requests signed with the key AKIADENIED are refused as AccessDenied.
 */
export async function startFakeCloudWatch(
  answer: MetricAnswer,
  options: { pageSize?: number } = {},
): Promise<{ endpoint: string; requests: MetricRequest[]; close(): Promise<void> }> {
  const requests: MetricRequest[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text) as MetricRequest['body'];
      requests.push({ target: req.headers['x-amz-target'] as string | undefined, body });
      res.setHeader('Content-Type', 'application/x-amz-json-1.0');
      if (/Credential=AKIADENIED/.test(req.headers.authorization ?? '')) {
        res
          .writeHead(400)
          .end(JSON.stringify({ __type: 'AccessDenied', message: 'User is not authorized to perform: cloudwatch:GetMetricData' }));
        return;
      }
      const page = Number(body.NextToken ?? 0);
      const size = options.pageSize ?? Number.MAX_SAFE_INTEGER;
      let more = false;
      const results = body.MetricDataQueries.map((query) => {
        const points = answer(query).sort((a, b) => b[0] - a[0]);
        const slice = points.slice(page * size, (page + 1) * size);
        more ||= points.length > (page + 1) * size;
        return {
          Id: query.Id,
          Label: query.Label,
          StatusCode: 'Complete',
          Timestamps: slice.map((p) => p[0]),
          Values: slice.map((p) => p[1]),
        };
      });
      res.writeHead(200).end(JSON.stringify({ MetricDataResults: results, ...(more ? { NextToken: String(page + 1) } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

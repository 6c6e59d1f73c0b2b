import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Fault = 'ProvisionedThroughputExceededException' | 'ExpiredIteratorException';

export interface FaultProxy {
  endpoint: string;
  /** The next `count` calls of `operation` fail with `fault`, exactly as Kinesis answers it. */
  inject(operation: string, fault: Fault, count: number): void;
  injected: number;
  close(): Promise<void>;
}

const messages: Record<Fault, string> = {
  ProvisionedThroughputExceededException: 'Rate exceeded for shard shardId-000000000000 in stream under account 000000000000.',
  ExpiredIteratorException: 'Iterator expired. The iterator was created at time Sat Nov 28 08:00:00 UTC 2026 while right now it is Sat Nov 28 08:05:01 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.',
};

/** In front of a local Kinesis: passes requests through, except the failures a test asks for. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const queue: { operation: string; fault: Fault }[] = [];
  const proxy: FaultProxy = {
    endpoint: '',
    injected: 0,
    inject: (operation, fault, count) => queue.push(...Array.from({ length: count }, () => ({ operation, fault }))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const index = queue.findIndex((entry) => entry.operation === operation);
      if (index >= 0) {
        const { fault } = queue.splice(index, 1)[0]!;
        proxy.injected++;
        res.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: fault, message: messages[fault] }));
        return;
      }
      const forward = request({ hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OneEndpoint {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Kinesis and SQS behind one address, as a local stack serves every service: each call goes to
 * the server of the service its X-Amz-Target names (AmazonSQS.* to SQS, the rest to Kinesis),
 * passed through as it came (bar its Host), so a connection's endpoint reaches its failure queue too.
 */
export async function startOneEndpoint(servers: { kinesis: string; sqs: string }): Promise<OneEndpoint> {
  const server = http.createServer((req, res) => {
    const to = new URL(String(req.headers['x-amz-target'] ?? '').startsWith('AmazonSQS.') ? servers.sqs : servers.kinesis);
    const forward = http.request(
      // Each server is asked by its own name: kinesalite's loopback guard refuses any other Host.
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * In front of a local HTTP service (the sandbox's S3): passes requests through, and for the ones
 * a test names lets the server do the work, then cuts the connection before the answer, so the
 * SDK retries a call that has already landed.
 */
export interface AnswerDropper {
  endpoint: string;
  loseAnswers(matches: (req: IncomingMessage) => boolean, count: number): void;
  /** Answers lost so far. */
  lost: number;
  close(): Promise<void>;
}

export async function startAnswerDropper(upstream: string): Promise<AnswerDropper> {
  const target = new URL(upstream);
  const rules: { matches: (req: IncomingMessage) => boolean; remaining: number }[] = [];
  const dropper: AnswerDropper = {
    endpoint: '',
    lost: 0,
    loseAnswers: (matches, count) => void rules.push({ matches, remaining: count }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const rule = rules.find((r) => r.remaining > 0 && r.matches(req));
    if (rule) rule.remaining--;
    // The sandbox's loopback guard checks that Host names its own address.
    const forwarded = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        if (!rule) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        answer.resume();
        answer.on('end', () => {
          dropper.lost++;
          req.socket.destroy();
        });
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dropper.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return dropper;
}

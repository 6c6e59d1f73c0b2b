import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type AwsFault =
  | 'ProvisionedThroughputExceededException'
  | 'ExpiredIteratorException'
  | 'AccessDeniedException'
  | 'KMSThrottlingException'
  | 'InvalidSignatureException'
  | 'ExpiredTokenException'
  | 'InternalFailure'
  | 'ServiceUnavailable';
/** Faults below HTTP: the connection dropped mid-call, or a call that is never answered. */
type WireFault = 'connection-reset' | 'no-answer';
export type Fault = AwsFault | WireFault;
/** A fault's message, or how to word it from the refused request's headers (as AWS quotes its canonical request). */
export type FaultMessage = string | ((headers: IncomingHttpHeaders) => string);

/** One call that reached the proxy: which operation, on which shard (where the proxy could tell), and when. */
export interface WireCall {
  operation: string;
  shardId: string | null;
  at: number;
  /** The access key ID the call was signed with. */
  accessKeyId: string | null;
}

export interface FaultProxy {
  endpoint: string;
  /** The next `count` calls of `operation` fail with `fault`, exactly as Kinesis answers it. */
  inject(operation: string, fault: Fault, count: number, message?: FaultMessage): void;
  /** Forgets every fault not yet served. */
  clear(): void;
  injected: number;
  /** Every call seen, with its shard: GetShardIterator names it, and the proxy follows the iterators it hands out. */
  calls: WireCall[];
  /** The next `count` calls of `operation` wait at the proxy until release(): a call caught in flight. */
  hold(operation: string, count: number): void;
  release(): void;
  /**
   * The next `calls` PutRecords calls are answered as Kinesis answers a partly throttled call:
   * every `every`-th record is refused with ProvisionedThroughputExceededException and never
   * reaches the server; the rest are written and answered with the server's own results.
   */
  refuseSomePutRecords(calls: number, every: number): void;
  /** The next `count` calls of `operation` reach the server, which does the work; then the connection is reset before the answer. */
  loseAnswers(operation: string, count: number): void;
  /** Records refused so far by refuseSomePutRecords. */
  refusedRecords: number;
  /** GetRecords calls on one shard within [from, to). */
  getRecordsOn(shardId: string, from: number, to: number): number;
  close(): Promise<void>;
}

const status: Partial<Record<AwsFault, number>> = { InternalFailure: 500, ServiceUnavailable: 503 };

const messages: Record<AwsFault, string> = {
  ProvisionedThroughputExceededException: 'Rate exceeded for shard shardId-000000000000 in stream under account 000000000000.',
  ExpiredIteratorException:
    'Iterator expired. The iterator was created at time Sat Nov 28 08:00:00 UTC 2026 while right now it is Sat Nov 28 08:05:01 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.',
  AccessDeniedException:
    'User: arn:aws:iam::000000000000:user/reader is not authorized to perform: kinesis:GetRecords on resource: arn:aws:kinesis:us-east-1:000000000000:stream/x because no identity-based policy allows the kinesis:GetRecords action',
  KMSThrottlingException: 'The request was denied due to request throttling on the KMS key.',
  InvalidSignatureException: 'The request signature we calculated does not match the signature you provided.',
  ExpiredTokenException: 'The security token included in the request is expired',
  InternalFailure: 'The server encountered an internal error trying to fulfill the request.',
  ServiceUnavailable: 'The service is unavailable. Please try again shortly.',
};

function parse(body: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(body.toString()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** In front of a local Kinesis: passes requests through, counts them per shard, and fails the ones a test asks for. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const queue: { operation: string; fault: Fault; message?: FaultMessage }[] = [];
  const unanswered = new Set<ServerResponse>();
  const shardOfIterator = new Map<string, string>();
  const holds: string[] = [];
  let held: (() => void)[] = [];
  const partial = { calls: 0, every: 2 };
  const losing: string[] = [];
  const proxy: FaultProxy = {
    endpoint: '',
    injected: 0,
    refusedRecords: 0,
    refuseSomePutRecords: (calls, every) => Object.assign(partial, { calls, every }),
    loseAnswers: (operation, count) => losing.push(...Array.from({ length: count }, () => operation)),
    calls: [],
    inject: (operation, fault, count, message) => queue.push(...Array.from({ length: count }, () => ({ operation, fault, message }))),
    clear: () => void queue.splice(0),
    hold: (operation, count) => holds.push(...Array.from({ length: count }, () => operation)),
    release: () => {
      for (const forward of held.splice(0)) forward();
    },
    getRecordsOn: (shardId, from, to) =>
      proxy.calls.filter((c) => c.operation === 'GetRecords' && c.shardId === shardId && c.at >= from && c.at < to).length,
    close: () =>
      new Promise((resolve) => {
        held = [];
        unanswered.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const input = operation === 'GetShardIterator' || operation === 'GetRecords' ? parse(body) : {};
      const shardId =
        operation === 'GetShardIterator'
          ? String(input.ShardId ?? '')
          : operation === 'GetRecords'
            ? (shardOfIterator.get(String(input.ShardIterator)) ?? null)
            : null;
      const accessKeyId = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? null;
      proxy.calls.push({ operation, shardId, at: Date.now(), accessKeyId });
      const index = queue.findIndex((entry) => entry.operation === operation);
      if (index >= 0) {
        const { fault, message } = queue.splice(index, 1)[0]!;
        proxy.injected++;
        if (fault === 'connection-reset') {
          req.socket.resetAndDestroy();
        } else if (fault === 'no-answer') {
          unanswered.add(res);
        } else {
          res.writeHead(status[fault] ?? 400, { 'Content-Type': 'application/x-amz-json-1.1' }).end(
            JSON.stringify({
              __type: fault,
              message: typeof message === 'function' ? message(req.headers) : (message ?? messages[fault]),
            }),
          );
        }
        return;
      }
      let outgoing = body;
      let refusedAt: number[] = [];
      if (operation === 'PutRecords' && partial.calls > 0) {
        partial.calls--;
        const call = parse(body) as { StreamName: string; Records: unknown[] };
        refusedAt = call.Records.map((_, i) => i).filter((i) => i % partial.every === 0);
        proxy.refusedRecords += refusedAt.length;
        // Local servers do not check signatures, so the call can be cut down on its way.
        outgoing = Buffer.from(JSON.stringify({ ...call, Records: call.Records.filter((_, i) => i % partial.every !== 0) }));
      }
      const merge = (payload: Buffer): Buffer => {
        if (!refusedAt.length) return payload;
        const kept = (parse(payload).Records ?? []) as unknown[];
        const total = kept.length + refusedAt.length;
        const records = Array.from({ length: total }, (_, i) =>
          refusedAt.includes(i)
            ? { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: messages.ProvisionedThroughputExceededException }
            : kept.shift(),
        );
        return Buffer.from(JSON.stringify({ FailedRecordCount: refusedAt.length, Records: records }));
      };
      const send = () => forward.end(outgoing);
      const headers = { ...req.headers, host: target.host, 'content-length': String(outgoing.length) };
      const forward = request(
        { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers },
        (upstreamRes) => {
          const answer: Buffer[] = [];
          upstreamRes.on('data', (chunk: Buffer) => answer.push(chunk));
          upstreamRes.on('end', () => {
            const lost = losing.indexOf(operation);
            if (lost >= 0) {
              losing.splice(lost, 1);
              proxy.injected++;
              req.socket.resetAndDestroy();
              return;
            }
            const payload = merge(Buffer.concat(answer));
            if (shardId) {
              const output = parse(payload);
              const next = operation === 'GetShardIterator' ? output.ShardIterator : output.NextShardIterator;
              if (typeof next === 'string') shardOfIterator.set(next, shardId);
            }
            res.writeHead(upstreamRes.statusCode ?? 502, { ...upstreamRes.headers, 'content-length': String(payload.length) }).end(payload);
          });
        },
      );
      forward.on('error', () => res.writeHead(502).end());
      const holding = holds.indexOf(operation);
      if (holding >= 0) {
        holds.splice(holding, 1);
        held.push(send);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

/**
 * What AWS answers a request whose signature it refuses: the canonical request it expected,
 * which lists every signed header with its value, the caller's session token included.
 */
export function quoteCanonicalRequest(headers: IncomingHttpHeaders): string {
  const signed = Object.keys(headers)
    .filter((name) => name === 'host' || name === 'content-type' || name.startsWith('x-amz-'))
    .sort();
  const lines = signed.map((name) => `${name}:${String(headers[name])}`);
  const date = String(headers['x-amz-date'] ?? '');
  return [
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    '',
    'The Canonical String for this request should have been',
    `'POST\n/\n\n${lines.join('\n')}\n\n${signed.join(';')}\n${'0'.repeat(64)}'`,
    '',
    'The String-to-Sign should have been',
    `'AWS4-HMAC-SHA256\n${date}\n${date.slice(0, 8)}/us-east-1/kinesis/aws4_request\n${'f'.repeat(64)}'`,
  ].join('\n');
}

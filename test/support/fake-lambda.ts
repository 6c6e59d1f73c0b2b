import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeLambda {
  endpoint: string;
  /** The requests it answered: method, path and query, and the signing key id. */
  requests: { method: string; path: string; query: Record<string, string>; keyId: string | null }[];
  close(): Promise<void>;
}

/**
 * Lambda's ListEventSourceMappings on loopback, in its REST-JSON protocol
 * (GET /2015-03-31/event-source-mappings?EventSourceArn=…&Marker=…): `mappings` per stream ARN,
 * `pageSize` at a time so pagination is exercised; a key id starting AKIADENIED is refused.
 */
export async function startFakeLambda(mappings: Record<string, object[]>, pageSize = 2): Promise<FakeLambda> {
  const requests: FakeLambda['requests'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const keyId = /Credential=([A-Z0-9]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? null;
    requests.push({ method: req.method ?? '', path: url.pathname, query, keyId });
    res.setHeader('Content-Type', 'application/json');
    if (keyId?.startsWith('AKIADENIED')) {
      res.setHeader('x-amzn-ErrorType', 'AccessDeniedException');
      res.writeHead(403).end(
        JSON.stringify({
          Type: 'User',
          message: `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: lambda:ListEventSourceMappings`,
        }),
      );
      return;
    }
    if (req.method !== 'GET' || url.pathname.replace(/\/$/, '') !== '/2015-03-31/event-source-mappings') {
      res.writeHead(404).end(JSON.stringify({ message: 'not found' }));
      return;
    }
    const all = mappings[query.EventSourceArn ?? ''] ?? [];
    const start = Number(query.Marker ?? 0);
    const page = all.slice(start, start + pageSize);
    const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
    res.writeHead(200).end(JSON.stringify({ EventSourceMappings: page, ...(next ? { NextMarker: next } : {}) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A mapping as Lambda's API answers it (LastModified in epoch seconds, as REST-JSON timestamps are). */
export function lambdaMapping(streamArn: string, uuid: string, overrides: Record<string, unknown> = {}): object {
  return {
    UUID: uuid,
    EventSourceArn: streamArn,
    FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${uuid}`,
    BatchSize: 100,
    StartingPosition: 'TRIM_HORIZON',
    State: 'Enabled',
    StateTransitionReason: 'User action',
    LastProcessingResult: 'OK',
    LastModified: Date.parse('2026-11-28T08:00:00Z') / 1000,
    ...overrides,
  };
}

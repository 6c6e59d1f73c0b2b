import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../core/app-error';
import { correctKinesalite } from './kinesalite-fixes';
import { CLOSED_GUARD, isLoopbackAddress, loopbackGuard, loopbackRefusal, type LoopbackGuard } from '../../security/loopback-guard';

export interface LocalKinesisOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** A folder to keep the data in; in memory when absent. */
  dataDir?: string | null;
}

export interface LocalKinesis {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * kinesalite in this process. Its defaults suit its own test suite, not an admin tool:
 * a 10-shard account limit and half-second state changes. Both are lifted here.
 */
export async function startLocalKinesis(options: LocalKinesisOptions = {}): Promise<LocalKinesis> {
  const host = options.host ?? '127.0.0.1';
  requireLoopback(host);
  // Loaded here, not at the top: every CLI command would otherwise pay for a server it rarely starts.
  await correctKinesalite();
  const { default: kinesalite } = await import('kinesalite');
  const server = kinesalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createStreamMs: 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
    shardLimit: 1_000_000,
  });
  return listenLocally(server, host, options.port ?? 0);
}

/**
 * Listens on host:port (0: a free one), loopback only, and gives back the endpoint and a close
 * that ends keep-alive sockets too. kinesalite and dynalite answer every Origin with
 * `Access-Control-Allow-Origin: *`, so any web page could list, read and delete what a copy put
 * here; the loopback guard stands in front of their handler and lets only SDKs and CLIs (no
 * Origin, our own Host) through.
 */
export async function listenLocally(server: Server, host: string, port: number): Promise<LocalKinesis> {
  requireLoopback(host);
  let guard: LoopbackGuard = CLOSED_GUARD;
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const refusal = loopbackRefusal(req, guard);
    if (refusal) {
      req.resume();
      res.writeHead(403, { 'Content-Type': 'text/plain', Connection: 'close' }).end(`Forbidden: ${refusal}.\n`);
      return;
    }
    for (const handle of handlers) handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  guard = loopbackGuard(host, bound, { pageOrigins: false });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    endpoint: `http://${urlHost}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets from SDK clients would hold close() open forever.
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Checked before a server is made: one opened to the network would hand any machine what a copy put here. */
export function requireLoopback(host: string): void {
  if (!isLoopbackAddress(host))
    throw new AppError(
      'invalid-input',
      `The sandbox listens on this machine only (127.0.0.1, ::1 or localhost); ${host} would open it to other machines.`,
    );
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  // Loaded here, not at the top: every CLI command would otherwise pay for a server it rarely starts.
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

/** Listens on host:port (0: a free one) and gives back the endpoint and a close that ends keep-alive sockets too. */
export async function listenLocally(server: Server, host: string, port: number): Promise<LocalKinesis> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
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

import { listenLocally, requireLoopback, type LocalKinesis, type LocalKinesisOptions } from './kinesalite-server';

/**
 * dynalite (DynamoDB on LevelDB, kinesalite's sibling) in this process: the sandbox's lease
 * tables live here, so the Consumers panel has KCL applications to show. Tables are ACTIVE at once.
 */
export async function startLocalDynamoDb(options: LocalKinesisOptions = {}): Promise<LocalKinesis> {
  const host = options.host ?? '127.0.0.1';
  requireLoopback(host);
  // Loaded here, not at the top: most commands never start a sandbox.
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  return listenLocally(server, host, options.port ?? 0);
}

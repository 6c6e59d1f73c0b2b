import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { startLocalKinesis } from '../../main/domain/sandbox/kinesalite-server';

export type KinesisServerKind = 'kinesalite' | 'kinesis-local';
export const kinesisServerKinds: KinesisServerKind[] = ['kinesalite', 'kinesis-local'];

export interface RunningKinesisServer {
  kind: KinesisServerKind;
  endpoint: string;
  region: string;
  stop(): Promise<void>;
}

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kinesis-local exited early with code ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`kinesis-local did not answer on ${url} within ${timeoutMs} ms`);
}

/** The kinesis-mock server from npm, as its own process, with state changes made instant. */
async function startKinesisMock(): Promise<RunningKinesisServer> {
  const dir = path.resolve('node_modules', 'kinesis-local');
  const [plainPort, tlsPort] = [await freePort(), await freePort()];
  const instant = '0ms';
  const child = spawn(process.execPath, [path.join(dir, 'main.js')], {
    env: {
      ...process.env,
      KINESIS_MOCK_CERT_PATH: path.join(dir, 'server.json'),
      KINESIS_MOCK_PLAIN_PORT: String(plainPort),
      KINESIS_MOCK_TLS_PORT: String(tlsPort),
      CREATE_STREAM_DURATION: instant,
      DELETE_STREAM_DURATION: instant,
      REGISTER_STREAM_CONSUMER_DURATION: instant,
      DEREGISTER_STREAM_CONSUMER_DURATION: instant,
      MERGE_SHARDS_DURATION: instant,
      SPLIT_SHARD_DURATION: instant,
      UPDATE_SHARD_COUNT_DURATION: instant,
      SHARD_LIMIT: '10000',
      ON_DEMAND_STREAM_COUNT_LIMIT: '1000',
      LOG_LEVEL: 'ERROR',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Its log is kept quiet unless it fails to start; then the tail explains why.
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${plainPort}`;
  try {
    await waitForHttp(endpoint, child, 30_000);
  } catch (error) {
    child.kill();
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  return {
    kind: 'kinesis-local',
    endpoint,
    region: TEST_REGION,
    // SIGKILL, not SIGTERM: on SIGTERM the server waits up to 30 s for clients' keep-alive
    // sockets to close, and it keeps everything in memory, so a hard stop loses nothing.
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export async function startKinesisServer(kind: KinesisServerKind): Promise<RunningKinesisServer> {
  if (kind === 'kinesis-local') return startKinesisMock();
  const server = await startLocalKinesis();
  return { kind, endpoint: server.endpoint, region: TEST_REGION, stop: server.close };
}

import { CreateStreamCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { ProducerStatus } from '../../../shared/contract';
import { createKinesisClient } from '../../aws/clients';
import { demoStreams, type DemoStreamSpec } from './demo-data';
import { startDemoProducer, type DemoProducer } from './demo-producer';
import { startLocalKinesis, type LocalKinesis } from './kinesalite-server';

export const SANDBOX_REGION = 'us-east-1';
/** kinesalite accepts any keys; these make it obvious in a request log that nothing real is used. */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'SANDBOX', secretAccessKey: 'SANDBOX' } as const;

export interface SandboxOptions {
  host?: string;
  port?: number;
  dataDir?: string | null;
  /** Create the demo streams and keep writing to them. */
  demo?: boolean;
  recordsPerSecond?: number;
  onProducerStatus?: (status: ProducerStatus) => void;
}

export interface Sandbox {
  endpoint: string;
  region: string;
  producer: DemoProducer | null;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const server: LocalKinesis = await startLocalKinesis({ host: options.host, port: options.port, dataDir: options.dataDir });
  const client = createKinesisClient({ region: SANDBOX_REGION, endpoint: server.endpoint, credentials: SANDBOX_CREDENTIALS });
  let producer: DemoProducer | null = null;
  try {
    if (options.demo ?? true) {
      await createDemoStreams(client, demoStreams);
      producer = startDemoProducer({
        client,
        streams: demoStreams,
        recordsPerSecond: options.recordsPerSecond ?? 25,
        onStatus: options.onProducerStatus,
      });
    }
  } catch (error) {
    client.destroy();
    await server.close();
    throw error;
  }
  return {
    endpoint: server.endpoint,
    region: SANDBOX_REGION,
    producer,
    async stop() {
      await producer?.stop();
      client.destroy();
      await server.close();
    },
  };
}

async function createDemoStreams(client: KinesisClient, streams: readonly DemoStreamSpec[]): Promise<void> {
  await Promise.all(
    streams.map(async (stream) => {
      try {
        await client.send(new CreateStreamCommand({ StreamName: stream.name, ShardCount: stream.shards }));
      } catch (error) {
        // A persisted sandbox (--data) already has them.
        if ((error as Error).name !== 'ResourceInUseException') throw error;
      }
      await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: stream.name });
    }),
  );
}

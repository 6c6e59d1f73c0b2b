import { CreateStreamCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { ProducerStatus } from '../../../shared/contract';
import { createDynamoDbClient, createKinesisClient } from '../../aws/clients';
import { SANDBOX_CREDENTIALS, type SandboxEndpoints } from '../connections/sandbox-host';
import { demoStreams, type DemoStreamSpec } from './demo-data';
import type { DemoConsumer } from './demo-consumer';
import { startLocalDynamoDb } from './dynalite-server';
import { startDemoProducer, type DemoProducer } from './demo-producer';
import { startLocalKinesis, type LocalKinesis } from './kinesalite-server';

export const SANDBOX_REGION = 'us-east-1';
export { SANDBOX_CREDENTIALS } from '../connections/sandbox-host';

export interface SandboxOptions {
  host?: string;
  port?: number;
  dataDir?: string | null;
  /** Create the demo streams and keep writing to them. */
  demo?: boolean;
  recordsPerSecond?: number;
  onProducerStatus?: (status: ProducerStatus) => void;
}

/** dynamodbEndpoint is dynalite beside kinesalite: the demo consumers' lease tables, and any the user makes. */
export interface Sandbox extends SandboxEndpoints {
  producer: DemoProducer | null;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const server: LocalKinesis = await startLocalKinesis({ host: options.host, port: options.port, dataDir: options.dataDir });
  // Its own free port (kinesalite's is the one users configure); its data beside kinesalite's.
  const dynamo: LocalKinesis = await startLocalDynamoDb({
    host: options.host,
    dataDir: options.dataDir ? `${options.dataDir}.dynamodb` : null,
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  const client = createKinesisClient({ region: SANDBOX_REGION, endpoint: server.endpoint, credentials: SANDBOX_CREDENTIALS });
  const dynamodb = await createDynamoDbClient({ region: SANDBOX_REGION, endpoint: dynamo.endpoint, credentials: SANDBOX_CREDENTIALS });
  let producer: DemoProducer | null = null;
  let consumer: DemoConsumer | null = null;
  const close = async () => {
    await Promise.all([producer?.stop(), consumer?.stop()]);
    client.destroy();
    dynamodb.destroy();
    await Promise.all([server.close(), dynamo.close()]);
  };
  try {
    if (options.demo ?? true) {
      await createDemoStreams(client, demoStreams);
      producer = startDemoProducer({
        client,
        streams: demoStreams,
        recordsPerSecond: options.recordsPerSecond ?? 25,
        onStatus: options.onProducerStatus,
      });
      // Loaded here: it brings DynamoDB's commands, which no command but the sandbox's needs at start.
      const { startDemoConsumer } = await import('./demo-consumer');
      consumer = await startDemoConsumer(client, dynamodb);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint: server.endpoint, dynamodbEndpoint: dynamo.endpoint, region: SANDBOX_REGION, producer, stop: close };
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

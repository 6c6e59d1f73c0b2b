import { CreateStreamCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { ProducerStatus } from '../../../shared/contract';
import { createDynamoDbClient, createGlueClient, createKinesisClient } from '../../aws/clients';
import { SANDBOX_CREDENTIALS, type SandboxEndpoints } from '../connections/sandbox-host';
import { demoStreams, type DemoStreamSpec } from './demo-data';
import type { DemoConsumer } from './demo-consumer';
import { startLocalDynamoDb } from './dynalite-server';
import { startDemoProducer, type DemoProducer } from './demo-producer';
import { startLocalKinesis, type LocalKinesis } from './kinesalite-server';
import { startLocalS3, type LocalS3 } from './s3-server';
import { startSchemaRegistries, type SchemaRegistries } from './registries/schema-registries';

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

/**
 * dynamodbEndpoint is dynalite beside kinesalite: the demo consumers' lease tables, and any the
 * user makes. glueEndpoint is its Glue Schema Registry, confluentRegistryEndpoint a
 * Confluent-compatible one: both in memory, for the demo's schemas and any the user registers.
 * s3Endpoint is s3rver behind the conditional front, with the bucket shardscope-sandbox.
 */
export interface Sandbox extends SandboxEndpoints {
  glueEndpoint: string;
  confluentRegistryEndpoint: string;
  s3Endpoint: string;
  /** The bucket the local S3 always has. */
  s3Bucket: string;
  /** The local S3's test hooks (deny rules, conflicts, the headers writes carried). */
  s3: Pick<LocalS3, 'hooks'>;
  /** The streams the demo writes to; empty without the demo. */
  demoStreams: readonly Pick<DemoStreamSpec, 'name' | 'shards'>[];
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
  const registries: SchemaRegistries = await startSchemaRegistries({ host: options.host, region: SANDBOX_REGION }).catch(
    async (error: unknown) => {
      await Promise.all([server.close(), dynamo.close()]);
      throw error;
    },
  );
  const s3: LocalS3 = await startLocalS3({ host: options.host, dataDir: options.dataDir ? `${options.dataDir}.s3` : null }).catch(
    async (error: unknown) => {
      await Promise.all([server.close(), dynamo.close(), registries.close()]);
      throw error;
    },
  );
  const client = createKinesisClient({ region: SANDBOX_REGION, endpoint: server.endpoint, credentials: SANDBOX_CREDENTIALS });
  const dynamodb = await createDynamoDbClient({ region: SANDBOX_REGION, endpoint: dynamo.endpoint, credentials: SANDBOX_CREDENTIALS });
  const glue = await createGlueClient({ region: SANDBOX_REGION, endpoint: registries.glue.endpoint, credentials: SANDBOX_CREDENTIALS });
  let producer: DemoProducer | null = null;
  let streams: readonly DemoStreamSpec[] = [];
  let consumer: DemoConsumer | null = null;
  const close = async () => {
    await Promise.all([producer?.stop(), consumer?.stop()]);
    client.destroy();
    dynamodb.destroy();
    glue.destroy();
    await Promise.all([server.close(), dynamo.close(), registries.close(), s3.close()]);
  };
  try {
    if (options.demo ?? true) {
      // Loaded here: avsc and protobufjs are needed only by a sandbox that writes the demo.
      const { registerDemoSchemas, registerConfluentDemoSchemas, schemaDemoStreams } = await import('./demo-schemas/demo-schema-streams');
      streams = [...demoStreams, ...schemaDemoStreams(await registerDemoSchemas(glue))];
      registerConfluentDemoSchemas(registries.confluent);
      await createDemoStreams(client, streams);
      producer = startDemoProducer({
        client,
        streams,
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
  return {
    endpoint: server.endpoint,
    dynamodbEndpoint: dynamo.endpoint,
    glueEndpoint: registries.glue.endpoint,
    confluentRegistryEndpoint: registries.confluent.endpoint,
    s3Endpoint: s3.endpoint,
    s3Bucket: s3.bucket,
    s3: { hooks: s3.hooks },
    region: SANDBOX_REGION,
    demoStreams: streams.map(({ name, shards }) => ({ name, shards })),
    producer,
    stop: close,
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

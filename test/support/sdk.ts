import { CreateStreamCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../../main/aws/clients';
import { TEST_CREDENTIALS, type RunningKinesisServer } from './local-kinesis';

/** A client of the test's own, to arrange data independently of the code under test. */
export function arrangeClient(server: RunningKinesisServer): KinesisClient {
  return createKinesisClient({ region: server.region, endpoint: server.endpoint, credentials: TEST_CREDENTIALS });
}

export async function createStream(client: KinesisClient, name: string, shards: number): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: name });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

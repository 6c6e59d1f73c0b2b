import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoDbClient, createKinesisClient } from '../../main/aws/clients';
import { startLocalDynamoDb } from '../../main/domain/sandbox/dynalite-server';
import { startLocalKinesis } from '../../main/domain/sandbox/kinesalite-server';
import { SANDBOX_CREDENTIALS } from '../../main/domain/sandbox/sandbox';

// A command that fails fast (a bad folder, a missing file) stops its embedded sandbox while the
// demo producer's writes are still in flight. kinesalite closes its store first; a handler still
// running then meets a closed store, and its error must not escape as an uncaught exception.
describe('closing the local Kinesis server', () => {
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  afterEach(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });

  it('lets the requests in flight end before it closes the store', async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    for (let round = 0; round < 5; round++) {
      const server = await startLocalKinesis({ port: 0 });
      const client = createKinesisClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: SANDBOX_CREDENTIALS });
      await client.send(new CreateStreamCommand({ StreamName: 'busy', ShardCount: 4 }));
      await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'busy' });
      const batch = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.alloc(200, i) }));
      const writes = Array.from({ length: 20 }, () => client.send(new PutRecordsCommand({ StreamName: 'busy', Records: batch })));
      const settled = Promise.allSettled(writes);
      // Closed as soon as kinesalite is working on the writes, not after.
      await new Promise((resolve) => setImmediate(resolve));
      await server.close();
      const outcomes = await settled;
      client.destroy();
      // Each write either landed or was refused; none hangs.
      expect(outcomes).toHaveLength(20);
      // The store's late callbacks run on later turns of the loop.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(uncaught).toEqual([]);
  }, 60_000);

  it('lets the lease writes in flight end before dynalite closes its store', async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    for (let round = 0; round < 5; round++) {
      const server = await startLocalDynamoDb({ port: 0 });
      const client = await createDynamoDbClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: SANDBOX_CREDENTIALS });
      await client.send(
        new CreateTableCommand({
          TableName: 'leases',
          AttributeDefinitions: [{ AttributeName: 'leaseKey', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      const writes = Array.from({ length: 40 }, (_, i) =>
        client.send(
          new PutItemCommand({ TableName: 'leases', Item: { leaseKey: { S: `shardId-${i}` }, checkpoint: { S: 'TRIM_HORIZON' } } }),
        ),
      );
      const settled = Promise.allSettled(writes);
      await new Promise((resolve) => setImmediate(resolve));
      await server.close();
      const outcomes = await settled;
      client.destroy();
      expect(outcomes).toHaveLength(40);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(uncaught).toEqual([]);
  }, 60_000);
});

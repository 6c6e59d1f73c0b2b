import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  waitUntilTableExists,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startLocalDynamoDb } from '../../main/domain/sandbox/dynalite-server';
import { TEST_CREDENTIALS, TEST_REGION } from './local-kinesis';

/**
 * Lease tables written exactly as the KCL writes them. The attribute names and types are those of
 * the KCL's DynamoDBLeaseSerializer (awslabs/amazon-kinesis-client, software/amazon/kinesis/leases/
 * dynamodb/DynamoDBLeaseSerializer.java: leaseKey S, leaseOwner S (absent when nobody holds it),
 * leaseCounter N, ownerSwitchesSinceCheckpoint N, checkpoint S, checkpointSubSequenceNumber N,
 * parentShardId SS, childShardIds SS, pendingCheckpoint S, startingHashKey / endingHashKey S,
 * and in 3.x throughputKBps N, checkpointOwner S and entityType S), of its multi-stream
 * serializer (leaseKey `account:stream:epoch:shardId`, streamName S, shardId S) and of KCL 1.x's
 * KinesisClientLeaseSerializer (no hash range, no children).
 */
export interface LeaseSpec {
  shardId: string;
  owner?: string | null;
  counter?: number;
  checkpoint: string;
  subSequence?: number;
  parents?: string[];
  children?: string[];
  pending?: string;
  hashRange?: { start: string; end: string };
}

const n = (value: number): AttributeValue => ({ N: String(value) });
const s = (value: string): AttributeValue => ({ S: value });

export function kcl1Item(lease: LeaseSpec): Record<string, AttributeValue> {
  return {
    leaseKey: s(lease.shardId),
    leaseCounter: n(lease.counter ?? 1),
    ...(lease.owner ? { leaseOwner: s(lease.owner) } : {}),
    ownerSwitchesSinceCheckpoint: n(0),
    checkpoint: s(lease.checkpoint),
    checkpointSubSequenceNumber: n(lease.subSequence ?? 0),
    ...(lease.parents?.length ? { parentShardId: { SS: lease.parents } } : {}),
  };
}

export function kcl2Item(lease: LeaseSpec): Record<string, AttributeValue> {
  return {
    ...kcl1Item(lease),
    ...(lease.children?.length ? { childShardIds: { SS: lease.children } } : {}),
    ...(lease.pending ? { pendingCheckpoint: s(lease.pending), pendingCheckpointSubSequenceNumber: n(0) } : {}),
    startingHashKey: s(lease.hashRange?.start ?? '0'),
    endingHashKey: s(lease.hashRange?.end ?? '340282366920938463463374607431768211455'),
  };
}

/** A multi-stream lease (KCL 2.3+): the stream identifier in the key and in its own attribute. */
export function kcl2MultiStreamItem(
  lease: LeaseSpec,
  stream: string,
  account = '123456789012',
  epoch = 1764000000,
): Record<string, AttributeValue> {
  const identifier = `${account}:${stream}:${epoch}`;
  return { ...kcl2Item(lease), leaseKey: s(`${identifier}:${lease.shardId}`), streamName: s(identifier), shardId: s(lease.shardId) };
}

/** KCL 3.x: the 2.x lease with throughput and entityType LEASE; a graceful handoff adds checkpointOwner. */
export function kcl3Item(lease: LeaseSpec & { checkpointOwner?: string }): Record<string, AttributeValue> {
  return {
    ...kcl2Item(lease),
    throughputKBps: n(12.5),
    ...(lease.checkpointOwner ? { checkpointOwner: s(lease.checkpointOwner) } : {}),
    entityType: s('LEASE'),
  };
}

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<LocalDynamo> {
  const server = await startLocalDynamoDb();
  const client = new DynamoDBClient({ region: TEST_REGION, endpoint: server.endpoint, credentials: TEST_CREDENTIALS });
  return {
    endpoint: server.endpoint,
    client,
    async stop() {
      client.destroy();
      await server.close();
    },
  };
}

/** A table keyed as the KCL keys its lease table, holding `items`. */
export async function leaseTable(
  client: DynamoDBClient,
  table: string,
  items: Record<string, AttributeValue>[],
  hashKey = 'leaseKey',
): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: hashKey, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: hashKey, AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // CREATING for a moment even in dynalite: a write before ACTIVE is refused.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.2, maxDelay: 1 }, { TableName: table });
  for (const item of items) await client.send(new PutItemCommand({ TableName: table, Item: item }));
}

export async function getLease(client: DynamoDBClient, table: string, leaseKey: string): Promise<Record<string, AttributeValue>> {
  const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: { leaseKey: s(leaseKey) }, ConsistentRead: true }));
  if (!Item) throw new Error(`no lease ${leaseKey} in ${table}`);
  return Item;
}

/** Renews a lease as a running worker does (the counter one up, conditional on the last one seen), every `everyMs`. */
export function keepRenewing(client: DynamoDBClient, table: string, leaseKey: string, everyMs = 1_000): () => Promise<void> {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { leaseKey: s(leaseKey) },
          UpdateExpression: 'SET leaseCounter = leaseCounter + :one',
          ExpressionAttributeValues: { ':one': n(1) },
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

// Consumers: one report of a KCL application's lag on every shard (consumersReport: Scan of the
// lease table, then one short read per shard at its checkpoint) against a bare SDK loop making the
// same calls, on a kinesalite stream of many shards (64 at full size) with its lease table in dynalite.
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordsCommand,
  waitUntilStreamExists,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { PutItemCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient, createKinesisClient } from '../main/aws/clients';
import { consumersReport } from '../main/domain/consumers/consumers-report';
import { createLeaseTable } from '../main/domain/engine/leases/lease-table';
import { LeaseWatch } from '../main/domain/consumers/lease-watch';
import { ReadBudgets } from '../main/domain/engine/reader/read-budget';
import { startLocalDynamoDb } from '../main/domain/sandbox/dynalite-server';
import { startLocalKinesis } from '../main/domain/sandbox/kinesalite-server';
import { lower, percentile, type BenchOutput } from './figures';

const RECORDS_PER_SHARD = 100;
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };

async function bareLoop(kinesis: KinesisClient, dynamodb: DynamoDBClient, stream: string, table: string): Promise<number> {
  const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
  let measured = 0;
  for (const item of Items) {
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: stream,
        ShardId: item.leaseKey!.S!,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: item.checkpoint!.S!,
      }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 50 }));
    if (Records.length > 1) measured++;
  }
  return measured;
}

export interface ConsumersSize {
  shards: number;
  rounds: number;
}

export const consumersFigures = ['bare.ms', 'report.ms', 'report-vs-bare'];

export async function consumersBench({ shards: SHARDS, rounds }: ConsumersSize): Promise<BenchOutput> {
  const [kinesisServer, dynamoServer] = await Promise.all([startLocalKinesis(), startLocalDynamoDb()]);
  const kinesis = createKinesisClient({ region: 'us-east-1', endpoint: kinesisServer.endpoint, credentials });
  const dynamodb = await createDynamoDbClient({ region: 'us-east-1', endpoint: dynamoServer.endpoint, credentials });
  const stream = 'consumed';
  const table = 'consumed-app';
  try {
    await kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: SHARDS }));
    await waitUntilStreamExists({ client: kinesis, maxWaitTime: 60, minDelay: 1 }, { StreamName: stream });
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
    await createLeaseTable(dynamodb, table);
    for (const shard of Shards) {
      const { Records = [] } = await kinesis.send(
        new PutRecordsCommand({
          StreamName: stream,
          Records: Array.from({ length: RECORDS_PER_SHARD }, (_, i) => ({
            PartitionKey: 'k',
            ExplicitHashKey: shard.HashKeyRange!.StartingHashKey!,
            Data: Buffer.from(JSON.stringify({ i, note: 'x'.repeat(150) })),
          })),
        }),
      );
      // Checkpointed at the 40th record: sixty behind on every shard.
      await dynamodb.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            leaseKey: { S: shard.ShardId! },
            leaseOwner: { S: 'worker' },
            leaseCounter: { N: '1' },
            ownerSwitchesSinceCheckpoint: { N: '0' },
            checkpoint: { S: Records[39]!.SequenceNumber! },
            checkpointSubSequenceNumber: { N: '0' },
          },
        }),
      );
    }
    const budgets = new ReadBudgets(() => ({ callsPerSecond: 5, mibPerSecond: null }));
    const reader = {
      client: createKinesisClient({ region: 'us-east-1', endpoint: kinesisServer.endpoint, credentials, maxAttempts: 1 }),
      budget: budgets.forStream('bench', stream),
    };
    const context = {
      target: {
        kind: 'endpoint',
        endpoint: kinesisServer.endpoint,
        region: 'us-east-1',
        dynamodbEndpoint: dynamoServer.endpoint,
        credentials: async () => credentials,
      } as const,
      client: kinesis,
      reader,
      watch: new LeaseWatch(),
    };
    const times = { bare: [] as number[], ours: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      let started = performance.now();
      if ((await bareLoop(kinesis, dynamodb, stream, table)) !== SHARDS) throw new Error('the bare loop missed a shard');
      times.bare.push(performance.now() - started);
      started = performance.now();
      const report = await consumersReport(context, stream, [table]);
      const shards = report.applications.items[0]?.shards ?? [];
      if (shards.filter((s) => s.recordsBehind?.count === 50 - 1).length !== SHARDS) throw new Error('the report missed a shard');
      times.ours.push(performance.now() - started);
      // Each shard's budget allows 5 reads a second: the next round starts on fresh slots.
      if (round < rounds - 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    reader.client.destroy();
    const [bare, ours] = [percentile(times.bare, 50), percentile(times.ours, 50)];
    return {
      title: `consumers, one report of a KCL application's lag on ${SHARDS} shards (kinesalite, dynalite), median of ${rounds}`,
      figures: [
        lower('bare.ms', 'bare SDK loop (Scan, then GetShardIterator + GetRecords per shard)', bare, 'ms'),
        lower('report.ms', 'shardscope consumers report (plus DescribeStreamSummary, ListShards, ListStreamConsumers)', ours, 'ms'),
        lower('report-vs-bare', 'report / bare', (ours / bare) * 100, '%'),
      ],
    };
  } finally {
    kinesis.destroy();
    dynamodb.destroy();
    await Promise.all([kinesisServer.close(), dynamoServer.close()]);
  }
}

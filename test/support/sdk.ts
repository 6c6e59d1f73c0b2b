import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  waitUntilStreamExists,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
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

export interface RawRecord {
  shardId: string;
  partitionKey: string;
  data: Buffer;
  sequenceNumber: string;
}

/**
 * Every record of a stream as stored, read with the bare SDK (not Shardscope's reader): each
 * shard from TRIM_HORIZON until a read comes back empty at the tip.
 */
export async function readAllRaw(client: KinesisClient, stream: string): Promise<RawRecord[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const out: RawRecord[] = [];
  for (const shard of Shards) {
    let iterator = (
      await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))
    ).ShardIterator;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      for (const r of page.Records ?? [])
        out.push({ shardId: shard.ShardId!, partitionKey: r.PartitionKey!, data: Buffer.from(r.Data!), sequenceNumber: r.SequenceNumber! });
      if (!page.Records?.length && (page.MillisBehindLatest ?? 0) === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return out;
}

/** A multiset of key and data, to compare what was written with what was meant to be. */
export const keyed = (records: { partitionKey: string; data: Buffer | string }[]) =>
  records.map((r) => `${r.partitionKey}\u0000${Buffer.from(r.data).toString('base64')}`).sort();

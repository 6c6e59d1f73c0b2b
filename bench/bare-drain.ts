import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';

/** The yardstick: a bare AWS SDK loop reading every shard from TRIM_HORIZON until an empty page at the tip. */
export async function bareDrain(client: KinesisClient, stream: string): Promise<number> {
  const shards = (await client.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
  const counts = await Promise.all(
    shards.map(async (shard) => {
      let iterator = (
        await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))
      ).ShardIterator;
      let read = 0;
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
        read += page.Records?.length ?? 0;
        if ((page.Records?.length ?? 0) === 0 && page.MillisBehindLatest === 0) break;
        iterator = page.NextShardIterator;
      }
      return read;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

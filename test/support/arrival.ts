import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';

export interface ArrivedRecord {
  shardId: string;
  sequenceNumber: string;
  data: string;
  arrival: number;
}

/** Writes each record to the shard named by its index (through its hash key range), one after another, so arrival follows the list. */
export async function putRoundRobin(client: KinesisClient, stream: string, data: string[]): Promise<void> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const starts = Shards.map((s) => s.HashKeyRange!.StartingHashKey!);
  for (const [i, text] of data.entries())
    await client.send(
      new PutRecordCommand({
        StreamName: stream,
        PartitionKey: `k${i}`,
        ExplicitHashKey: starts[i % starts.length],
        Data: Buffer.from(text),
      }),
    );
}

/**
 * Every record with its ApproximateArrivalTimestamp, read with the bare SDK, sorted as the order
 * across shards is defined: arrival, then shard id, then sequence number.
 */
export async function byArrival(client: KinesisClient, stream: string): Promise<ArrivedRecord[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const out: ArrivedRecord[] = [];
  for (const shard of Shards) {
    let iterator = (
      await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))
    ).ShardIterator;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const r of page.Records ?? [])
        out.push({
          shardId: shard.ShardId!,
          sequenceNumber: r.SequenceNumber!,
          data: Buffer.from(r.Data!).toString(),
          arrival: r.ApproximateArrivalTimestamp!.getTime(),
        });
      if (!page.Records?.length && (page.MillisBehindLatest ?? 0) === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return out.sort(
    (a, b) =>
      a.arrival - b.arrival ||
      (a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0) ||
      (BigInt(a.sequenceNumber) < BigInt(b.sequenceNumber) ? -1 : 1),
  );
}

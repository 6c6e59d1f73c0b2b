import {
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListStreamsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  SubscribeToShardCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';

/** Calls that prove one permission each and change nothing (writes only where the user opted in). */
export const probes = {
  listStreams: (client: KinesisClient) => client.send(new ListStreamsCommand({ Limit: 1 })),
  describeStream: (client: KinesisClient, stream: string) => client.send(new DescribeStreamCommand({ StreamName: stream, Limit: 1 })),
  describeStreamSummary: (client: KinesisClient, stream: string) => client.send(new DescribeStreamSummaryCommand({ StreamName: stream })),
  listShards: (client: KinesisClient, stream: string) => client.send(new ListShardsCommand({ StreamName: stream, MaxResults: 1 })),
  listStreamConsumers: (client: KinesisClient, streamArn: string) =>
    client.send(new ListStreamConsumersCommand({ StreamARN: streamArn, MaxResults: 1 })),
  // LATEST reads nothing already in the stream.
  getShardIterator: (client: KinesisClient, stream: string, shardId: string) =>
    client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'LATEST' })),
  getRecords: (client: KinesisClient, iterator: string) => client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1 })),
  /** Opens a subscription and closes it as soon as Kinesis has accepted it. */
  async subscribeToShard(client: KinesisClient, consumerArn: string, shardId: string) {
    const abort = new AbortController();
    try {
      const response = await client.send(
        new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: shardId, StartingPosition: { Type: 'LATEST' } }),
        {
          abortSignal: abort.signal,
        },
      );
      return response.$metadata;
    } finally {
      abort.abort();
    }
  },
  putRecord: (client: KinesisClient, stream: string) =>
    client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'shardscope-permission-check', Data: testRecord('PutRecord') })),
  putRecords: (client: KinesisClient, stream: string) =>
    client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: [{ PartitionKey: 'shardscope-permission-check', Data: testRecord('PutRecords') }],
      }),
    ),
};

function testRecord(action: string): Uint8Array {
  return Buffer.from(JSON.stringify({ shardscope: 'permission check', action, at: new Date().toISOString() }));
}

/** Every action the checker knows, why it matters, and whether ingestion needs it. */
export interface ActionSpec {
  action: string;
  required: boolean;
  neededFor: string;
  /** What the policy's Resource must name for this action. */
  resource: 'account' | 'stream' | 'consumer';
}

export const actionCatalog: readonly ActionSpec[] = [
  { action: 'kinesis:ListStreams', required: true, neededFor: 'listing streams to pick from', resource: 'account' },
  { action: 'kinesis:DescribeStream', required: true, neededFor: 'reading the shard map', resource: 'stream' },
  { action: 'kinesis:GetShardIterator', required: true, neededFor: 'positioning a reader in a shard', resource: 'stream' },
  { action: 'kinesis:GetRecords', required: true, neededFor: 'reading records', resource: 'stream' },
  { action: 'kinesis:DescribeStreamSummary', required: false, neededFor: "Shardscope's stream list and details", resource: 'stream' },
  { action: 'kinesis:ListShards', required: false, neededFor: "Shardscope's shard map and live preview", resource: 'stream' },
  { action: 'kinesis:ListStreamConsumers', required: false, neededFor: 'listing enhanced fan-out consumers', resource: 'stream' },
  { action: 'kinesis:SubscribeToShard', required: false, neededFor: 'reading through an enhanced fan-out consumer', resource: 'consumer' },
  { action: 'kinesis:PutRecord', required: false, neededFor: 'putting one record (put, the record editor, put again)', resource: 'stream' },
  {
    action: 'kinesis:PutRecords',
    required: false,
    neededFor: 'writing in batches: produce from a file, copy a window, send records to a stream',
    resource: 'stream',
  },
];

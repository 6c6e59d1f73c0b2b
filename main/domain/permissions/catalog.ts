/** Every action the checker knows, why it matters, and whether ingestion needs it. */
export interface ActionSpec {
  action: string;
  required: boolean;
  neededFor: string;
  /** What the policy's Resource must name for this action. */
  resource:
    'account' | 'stream' | 'consumer' | 'lease-table' | 'schema-version' | 'schema-registry' | 's3-bucket' | 's3-object' | 'kms-key';
  /** Checked only for a run to S3 (`check --to s3://…`); `kms` only when it asks for SSE-KMS. */
  s3Target?: 's3' | 'kms';
  /** A stream change: probed only by making it, so checked on request (the IAM simulator) and granted by the fix policy on request. */
  admin?: true;
}

export const actionCatalog: readonly ActionSpec[] = [
  { action: 'kinesis:ListStreams', required: true, neededFor: 'listing streams to pick from', resource: 'account' },
  { action: 'kinesis:DescribeStream', required: true, neededFor: 'reading the shard map', resource: 'stream' },
  { action: 'kinesis:GetShardIterator', required: true, neededFor: 'positioning a reader in a shard', resource: 'stream' },
  { action: 'kinesis:GetRecords', required: true, neededFor: 'reading records', resource: 'stream' },
  { action: 'kinesis:DescribeStreamSummary', required: false, neededFor: "Shardscope's stream list and details", resource: 'stream' },
  { action: 'kinesis:ListShards', required: false, neededFor: "Shardscope's shard map and live preview", resource: 'stream' },
  {
    action: 'kinesis:ListStreamConsumers',
    required: false,
    neededFor: 'listing enhanced fan-out consumers (the Consumers panel)',
    resource: 'stream',
  },
  { action: 'kinesis:SubscribeToShard', required: false, neededFor: 'reading through an enhanced fan-out consumer', resource: 'consumer' },
  { action: 'kinesis:PutRecord', required: false, neededFor: 'putting one record (put, the record editor, put again)', resource: 'stream' },
  {
    action: 'kinesis:PutRecords',
    required: false,
    neededFor: 'writing in batches: produce from a file, copy a window, send records to a stream',
    resource: 'stream',
  },
  { action: 'kinesis:CreateStream', required: false, neededFor: 'creating streams', resource: 'stream', admin: true },
  { action: 'kinesis:DeleteStream', required: false, neededFor: 'deleting streams', resource: 'stream', admin: true },
  { action: 'kinesis:UpdateShardCount', required: false, neededFor: 'changing the shard count', resource: 'stream', admin: true },
  {
    action: 'kinesis:SplitShard',
    required: false,
    neededFor: 'splitting shards (and resharding where UpdateShardCount is missing)',
    resource: 'stream',
    admin: true,
  },
  { action: 'kinesis:MergeShards', required: false, neededFor: 'merging shards (and resharding down)', resource: 'stream', admin: true },
  { action: 'kinesis:IncreaseStreamRetentionPeriod', required: false, neededFor: 'lengthening retention', resource: 'stream', admin: true },
  { action: 'kinesis:DecreaseStreamRetentionPeriod', required: false, neededFor: 'shortening retention', resource: 'stream', admin: true },
  { action: 'kinesis:UpdateStreamMode', required: false, neededFor: 'switching the capacity mode', resource: 'stream', admin: true },
  { action: 'kinesis:StartStreamEncryption', required: false, neededFor: 'turning encryption on', resource: 'stream', admin: true },
  { action: 'kinesis:StopStreamEncryption', required: false, neededFor: 'turning encryption off', resource: 'stream', admin: true },
  {
    action: 'kinesis:EnableEnhancedMonitoring',
    required: false,
    neededFor: 'enabling shard-level metrics',
    resource: 'stream',
    admin: true,
  },
  {
    action: 'kinesis:DisableEnhancedMonitoring',
    required: false,
    neededFor: 'disabling shard-level metrics',
    resource: 'stream',
    admin: true,
  },
  { action: 'kinesis:AddTagsToStream', required: false, neededFor: 'adding and changing tags', resource: 'stream', admin: true },
  { action: 'kinesis:RemoveTagsFromStream', required: false, neededFor: 'removing tags', resource: 'stream', admin: true },
  {
    action: 'kinesis:RegisterStreamConsumer',
    required: false,
    neededFor: 'registering enhanced fan-out consumers',
    resource: 'stream',
    admin: true,
  },
  {
    action: 'kinesis:DeregisterStreamConsumer',
    required: false,
    neededFor: 'deregistering enhanced fan-out consumers',
    resource: 'stream',
    admin: true,
  },
  {
    action: 'dynamodb:ListTables',
    required: false,
    neededFor: 'finding KCL lease tables when no application is named',
    resource: 'account',
  },
  { action: 'dynamodb:DescribeTable', required: false, neededFor: "reading a KCL application's lease table", resource: 'lease-table' },
  { action: 'dynamodb:Scan', required: false, neededFor: "reading a KCL application's checkpoints", resource: 'lease-table' },
  { action: 'dynamodb:UpdateItem', required: false, neededFor: "moving a KCL application's checkpoints", resource: 'lease-table' },
  {
    action: 'lambda:ListEventSourceMappings',
    required: false,
    neededFor: 'listing the Lambda functions that read the stream',
    resource: 'account',
  },
  {
    action: 'glue:GetSchemaVersion',
    required: false,
    neededFor: 'decoding records written through the Glue Schema Registry (Avro, Protobuf, JSON Schema)',
    resource: 'schema-version',
  },
  { action: 'glue:GetSchema', required: false, neededFor: "showing a Glue schema's details", resource: 'schema-registry' },
  { action: 'glue:ListSchemas', required: false, neededFor: "listing a Glue registry's schemas", resource: 'schema-registry' },
  {
    action: 's3:ListBucket',
    required: false,
    neededFor: 'a run to S3: listing its prefix (resume, verify)',
    resource: 's3-bucket',
    s3Target: 's3',
  },
  {
    action: 's3:ListBucketMultipartUploads',
    required: false,
    neededFor: 'a run to S3: finding the uploads a killed run left (resume)',
    resource: 's3-bucket',
    s3Target: 's3',
  },
  {
    action: 's3:PutObject',
    required: false,
    neededFor: 'a run to S3: writing its parts and run.json',
    resource: 's3-object',
    s3Target: 's3',
  },
  {
    action: 's3:GetObject',
    required: false,
    neededFor: 'a run to S3: reading its run.json back (resume, verify)',
    resource: 's3-object',
    s3Target: 's3',
  },
  {
    action: 's3:AbortMultipartUpload',
    required: false,
    neededFor: 'a run to S3: aborting the unfinished uploads a killed run left',
    resource: 's3-object',
    s3Target: 's3',
  },
  {
    action: 's3:DeleteObject',
    required: false,
    neededFor: 'a run to S3: starting a failed run over',
    resource: 's3-object',
    s3Target: 's3',
  },
  {
    action: 'kms:GenerateDataKey',
    required: false,
    neededFor: 'a run to S3 with SSE-KMS: writing encrypted parts',
    resource: 'kms-key',
    s3Target: 'kms',
  },
  {
    action: 'kms:Decrypt',
    required: false,
    neededFor: 'a run to S3 with SSE-KMS: reading its encrypted run.json back',
    resource: 'kms-key',
    s3Target: 'kms',
  },
];

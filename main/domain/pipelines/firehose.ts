import { glueTypeOf } from './column-types';
import { transformLambdaCode } from './firehose-lambda';
import { dataColumns, glueName, META_COLUMNS, partitionColumns, PipelineRefusal, resourceName, type PipelinePlan } from './pipeline-plan';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const sub = (text: string) => ({ 'Fn::Sub': text });
const getArn = (resource: string) => ({ 'Fn::GetAtt': [resource, 'Arn'] });

/** Why Firehose cannot carry this run, or null when it can. */
export function firehoseRefusal(plan: PipelinePlan): string | null {
  if (plan.encoding !== 'json')
    return (
      `Firehose's format conversion reads JSON only, and the stream's records are Glue Schema Registry ${plan.encoding}: ` +
      'they need a transform Lambda that decodes them, which Shardscope does not generate. Spark can decode ' +
      'uncompressed single-version Avro; or decode in a Lambda of your own.'
    );
  if (plan.format === 'csv')
    return 'Firehose writes Parquet (through format conversion) or the records as JSON Lines, not CSV: choose one of those formats.';
  return null;
}

/** The Glue table's layout: S3 prefix expressions for the partitions, and the error prefix beside the data. */
function prefixes(plan: PipelinePlan): { prefix: string; errors: string } {
  const base = plan.location.prefix;
  const keys = partitionColumns(plan.partitionBy).map((k) => `${k}=!{partitionKeyFromLambda:${k}}/`);
  const errorBase = base === '' ? 'shardscope-errors/' : `${base.slice(0, -1)}-errors/`;
  return { prefix: base + keys.join(''), errors: `${errorBase}!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/` };
}

/** Names of the resources, kept in one place so the template and the CLI script agree. */
export function firehoseNames(plan: PipelinePlan) {
  const base = resourceName(plan);
  return {
    deliveryStream: base,
    database: glueName(`shardscope_${plan.stream}`),
    table: glueName(plan.stream),
    deliveryRole: `${base}-firehose`,
    functionRole: `${base}-transform`,
    function: `${base}-transform`,
  };
}

function glueTable(plan: PipelinePlan): Json {
  const names = firehoseNames(plan);
  const parquet = plan.format === 'parquet';
  const columns = [...META_COLUMNS, ...dataColumns(plan)].map((c) => ({ Name: glueName(c.name), Type: glueTypeOf(c.type) }));
  return {
    Type: 'AWS::Glue::Table',
    Properties: {
      CatalogId: { Ref: 'AWS::AccountId' },
      DatabaseName: { Ref: 'GlueDatabase' },
      TableInput: {
        Name: names.table,
        Description: `Kinesis stream ${plan.stream} as Shardscope and Firehose write it`,
        TableType: 'EXTERNAL_TABLE',
        Parameters: { classification: parquet ? 'parquet' : 'json' },
        PartitionKeys: partitionColumns(plan.partitionBy).map((k) => ({ Name: glueName(k), Type: 'string' })),
        StorageDescriptor: {
          Columns: columns,
          Location: `s3://${plan.location.bucket}/${plan.location.prefix}`,
          InputFormat: parquet
            ? 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
            : 'org.apache.hadoop.mapred.TextInputFormat',
          OutputFormat: parquet
            ? 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
            : 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          SerdeInfo: {
            SerializationLibrary: parquet
              ? 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
              : 'org.openx.data.jsonserde.JsonSerDe',
          },
        },
      },
    },
  };
}

const trust = (service: string, condition?: Json): Json => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) },
  ],
});

/** Only what delivery needs: read this stream, write under this prefix, read this table, call this function. */
export function deliveryPolicy(plan: PipelinePlan): Json {
  const { bucket, prefix } = plan.location;
  const names = firehoseNames(plan);
  const errors = prefixes(plan).errors.split('!{')[0]!;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadTheStream',
        Effect: 'Allow',
        Action: ['kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'],
        Resource: plan.streamArn,
      },
      {
        Sid: 'FindTheBucket',
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        Resource: `arn:aws:s3:::${bucket}`,
      },
      {
        Sid: 'WriteUnderThePrefix',
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
        Resource: [`arn:aws:s3:::${bucket}/${prefix}*`, `arn:aws:s3:::${bucket}/${errors}*`],
      },
      {
        Sid: 'ReadTheTable',
        Effect: 'Allow',
        Action: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
        Resource: [
          sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog'),
          sub(`arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:database/${names.database}`),
          sub(`arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:table/${names.database}/${names.table}`),
        ],
      },
      ...(plan.streamKey ? [decryptTheStream(plan)] : []),
      {
        Sid: 'CallTheTransform',
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
        Resource: sub(`arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${names.function}*`),
      },
    ],
  };
}

/**
 * An encrypted stream's records are decrypted with its key, and only through Kinesis. An alias
 * names no key ARN a policy can hold, so the ViaService condition alone bounds the grant then.
 */
function decryptTheStream(plan: PipelinePlan): Json {
  const key = plan.streamKey!;
  return {
    Sid: 'DecryptTheStream',
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: key.startsWith('arn:') && !key.includes(':alias/') ? key : '*',
    Condition: { StringEquals: { 'kms:ViaService': `kinesis.${plan.region}.amazonaws.com` } },
  };
}

/** The function may only write its own logs. */
function functionPolicy(plan: PipelinePlan): Json {
  const group = `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${firehoseNames(plan).function}`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: sub(`${group}`) },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: sub(`${group}:*`) },
    ],
  };
}

export function deliveryStreamProperties(plan: PipelinePlan): Json {
  const names = firehoseNames(plan);
  const { prefix, errors } = prefixes(plan);
  const parquet = plan.format === 'parquet';
  // OpenX matches columns case-insensitively; names Glue had to change beyond case are mapped back.
  const mappings = Object.fromEntries(
    [...META_COLUMNS, ...dataColumns(plan)].filter((c) => glueName(c.name) !== c.name.toLowerCase()).map((c) => [glueName(c.name), c.name]),
  );
  return {
    DeliveryStreamName: names.deliveryStream,
    DeliveryStreamType: 'KinesisStreamAsSource',
    KinesisStreamSourceConfiguration: { KinesisStreamARN: plan.streamArn, RoleARN: getArn('DeliveryRole') },
    ExtendedS3DestinationConfiguration: {
      BucketARN: `arn:aws:s3:::${plan.location.bucket}`,
      RoleARN: getArn('DeliveryRole'),
      Prefix: prefix,
      ErrorOutputPrefix: errors,
      // Format conversion and dynamic partitioning both want large buffers (64 MiB at least).
      BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 300 },
      CompressionFormat: 'UNCOMPRESSED',
      FileExtension: parquet ? '.parquet' : '.jsonl',
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: getArn('TransformFunction') }] }],
      },
      ...(plan.partitionBy ? { DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } } } : {}),
      ...(parquet
        ? {
            DataFormatConversionConfiguration: {
              Enabled: true,
              InputFormatConfiguration: {
                Deserializer: {
                  OpenXJsonSerDe: { CaseInsensitive: true, ...(Object.keys(mappings).length ? { ColumnToJsonKeyMappings: mappings } : {}) },
                },
              },
              OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
              SchemaConfiguration: {
                CatalogId: { Ref: 'AWS::AccountId' },
                DatabaseName: { Ref: 'GlueDatabase' },
                TableName: { Ref: 'GlueTable' },
                Region: { Ref: 'AWS::Region' },
                RoleARN: getArn('DeliveryRole'),
                VersionId: 'LATEST',
              },
            },
          }
        : {}),
    },
  };
}

/** The CloudFormation template: Glue database and table, the transform, two roles and the delivery stream. */
export function firehoseTemplate(plan: PipelinePlan, header: string[]): Record<string, Json> {
  const refusal = firehoseRefusal(plan);
  if (refusal) throw new PipelineRefusal(refusal);
  const names = firehoseNames(plan);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: [...header, 'Deploy: see deploy-firehose.sh (aws cloudformation deploy … --capabilities CAPABILITY_NAMED_IAM).'].join(' '),
    Resources: {
      GlueDatabase: {
        Type: 'AWS::Glue::Database',
        Properties: { CatalogId: { Ref: 'AWS::AccountId' }, DatabaseInput: { Name: names.database } },
      },
      GlueTable: glueTable(plan),
      TransformRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: names.functionRole,
          AssumeRolePolicyDocument: trust('lambda.amazonaws.com'),
          Policies: [{ PolicyName: 'own-logs', PolicyDocument: functionPolicy(plan) }],
        },
      },
      TransformFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: names.function,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: getArn('TransformRole'),
          Timeout: 60,
          MemorySize: 256,
          Code: { ZipFile: transformLambdaCode(plan) },
        },
      },
      DeliveryRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: names.deliveryRole,
          AssumeRolePolicyDocument: trust('firehose.amazonaws.com', { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } }),
          Policies: [{ PolicyName: 'deliver', PolicyDocument: deliveryPolicy(plan) }],
        },
      },
      DeliveryStream: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: deliveryStreamProperties(plan) },
    },
    Outputs: {
      DeliveryStreamName: { Value: { Ref: 'DeliveryStream' } },
      GlueTable: { Value: `${names.database}.${names.table}` },
    },
  };
}

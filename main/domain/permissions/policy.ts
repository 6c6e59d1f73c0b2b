import type { PolicyDocument } from '../../../shared/contract';
import { actionCatalog } from './catalog';
import { parseS3Location } from '../engine/objects/s3-location';

/** The S3 prefix a run writes to, and the KMS key it encrypts with, for the S3 statements. */
export interface S3PolicyTarget {
  url: string;
  kmsKeyId?: string | undefined;
}

/**
 * The least-privilege policy that grants exactly the missing actions: stream and consumer
 * actions on those ARNs, and ListStreams, which IAM only authorizes on "*", in its own statement.
 */
export function fixPolicy(
  missing: readonly string[],
  streamArn: string,
  consumerArns: readonly string[],
  leaseTableArns: readonly string[] = [],
  s3?: S3PolicyTarget,
): PolicyDocument | null {
  if (missing.length === 0) return null;
  const specs = actionCatalog.filter((spec) => missing.includes(spec.action));
  const onResources = specs.filter((spec) => spec.resource === 'stream' || spec.resource === 'consumer');
  const resources = [
    ...(onResources.some((spec) => spec.resource === 'stream') ? [streamArn] : []),
    ...(onResources.some((spec) => spec.resource === 'consumer') ? consumerArns : []),
  ];
  const statements: PolicyDocument['Statement'] = [];
  if (onResources.length > 0 && resources.length > 0) {
    statements.push({
      Sid: 'ShardscopeStreamAccess',
      Effect: 'Allow',
      Action: onResources.map((spec) => spec.action),
      Resource: resources,
    });
  }
  if (specs.some((spec) => spec.action === 'kinesis:ListStreams')) {
    statements.push({ Sid: 'ShardscopeListStreams', Effect: 'Allow', Action: ['kinesis:ListStreams'], Resource: ['*'] });
  }
  // Lease tables are named by the application; where none is known, the account's tables.
  const onTables = specs.filter((spec) => spec.resource === 'lease-table');
  if (onTables.length > 0) {
    const [, partition = 'aws', , region = '*', account] = streamArn.split(':');
    statements.push({
      Sid: 'ShardscopeLeaseTables',
      Effect: 'Allow',
      Action: onTables.map((spec) => spec.action),
      Resource: leaseTableArns.length ? [...leaseTableArns] : [`arn:${partition}:dynamodb:${region}:${account || '*'}:table/*`],
    });
  }
  // ListTables and ListEventSourceMappings are authorized on "*" only.
  const lookups = specs.filter((spec) => spec.resource === 'account' && spec.action !== 'kinesis:ListStreams');
  if (lookups.length > 0)
    statements.push({ Sid: 'ShardscopeConsumerLookups', Effect: 'Allow', Action: lookups.map((spec) => spec.action), Resource: ['*'] });
  // A record names only a version id, never its schema's ARN: AWS's own deserializer example grants GetSchemaVersion on "*".
  if (specs.some((spec) => spec.resource === 'schema-version'))
    statements.push({ Sid: 'ShardscopeSchemaVersions', Effect: 'Allow', Action: ['glue:GetSchemaVersion'], Resource: ['*'] });
  const onRegistries = specs.filter((spec) => spec.resource === 'schema-registry');
  if (onRegistries.length > 0) {
    const [, partition = 'aws', , region = '*', account] = streamArn.split(':');
    const glue = `arn:${partition}:glue:${region}:${account || '*'}`;
    statements.push({
      Sid: 'ShardscopeSchemaRegistries',
      Effect: 'Allow',
      Action: onRegistries.map((spec) => spec.action),
      Resource: [`${glue}:registry/*`, `${glue}:schema/*`],
    });
  }
  if (s3) statements.push(...s3Statements(specs, streamArn, s3));
  return statements.length ? { Version: '2012-10-17', Statement: statements } : null;
}

/** The KMS key as IAM names it: an ARN as given, a key id in the stream's account and region, any key for an alias. */
function kmsKeyArn(streamArn: string, keyId: string | undefined): string {
  const [, partition = 'aws', , region = '*', account] = streamArn.split(':');
  if (keyId?.startsWith('arn:')) return keyId;
  // An alias stands for a key IAM cannot name from here; the key's own policy still decides.
  const key = keyId && !keyId.startsWith('alias/') ? keyId : '*';
  return `arn:${partition}:kms:${region}:${account || '*'}:key/${key}`;
}

/** Listing on the bucket, object actions on the prefix only, the key's actions on the key. */
function s3Statements(specs: typeof actionCatalog, streamArn: string, s3: S3PolicyTarget): PolicyDocument['Statement'] {
  const { bucket, prefix } = parseS3Location(s3.url);
  const partition = streamArn.split(':')[1] || 'aws';
  const statements: PolicyDocument['Statement'] = [];
  const of = (resource: string) => specs.filter((spec) => spec.resource === resource).map((spec) => spec.action);
  if (of('s3-bucket').length)
    statements.push({
      Sid: 'ShardscopeRunBucket',
      Effect: 'Allow',
      Action: of('s3-bucket'),
      Resource: [`arn:${partition}:s3:::${bucket}`],
    });
  if (of('s3-object').length)
    statements.push({
      Sid: 'ShardscopeRunObjects',
      Effect: 'Allow',
      Action: of('s3-object'),
      Resource: [`arn:${partition}:s3:::${bucket}/${prefix}*`],
    });
  if (of('kms-key').length)
    statements.push({ Sid: 'ShardscopeRunKey', Effect: 'Allow', Action: of('kms-key'), Resource: [kmsKeyArn(streamArn, s3.kmsKeyId)] });
  return statements;
}

import type { PolicyDocument } from '../../../shared/contract';
import { actionCatalog } from './catalog';

/**
 * The least-privilege policy that grants exactly the missing actions: stream and consumer
 * actions on those ARNs, and ListStreams, which IAM only authorizes on "*", in its own statement.
 */
export function fixPolicy(
  missing: readonly string[],
  streamArn: string,
  consumerArns: readonly string[],
  leaseTableArns: readonly string[] = [],
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
  return statements.length ? { Version: '2012-10-17', Statement: statements } : null;
}

import type { PolicyDocument } from '../../../shared/contract';
import { actionCatalog } from './catalog';

/**
 * The least-privilege policy that grants exactly the missing actions: stream and consumer
 * actions on those ARNs, and ListStreams, which IAM only authorizes on "*", in its own statement.
 */
export function fixPolicy(missing: readonly string[], streamArn: string, consumerArns: readonly string[]): PolicyDocument | null {
  if (missing.length === 0) return null;
  const specs = actionCatalog.filter((spec) => missing.includes(spec.action));
  const onResources = specs.filter((spec) => spec.resource !== 'account');
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
  if (specs.some((spec) => spec.resource === 'account')) {
    statements.push({ Sid: 'ShardscopeListStreams', Effect: 'Allow', Action: ['kinesis:ListStreams'], Resource: ['*'] });
  }
  return statements.length ? { Version: '2012-10-17', Statement: statements } : null;
}

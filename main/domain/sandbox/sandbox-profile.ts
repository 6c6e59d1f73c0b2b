import { isLoopbackEndpoint, type ProfileInput, type ProfileView } from '../../../shared/contract';
import type { Sandbox } from './sandbox';

/** The saved connection `shardscope sandbox` keeps pointed at itself, for other commands to name. */
export const SANDBOX_PROFILE = 'sandbox';

/** Everything the sandbox serves, as a connection: local keys (it accepts any), its Kinesis, DynamoDB, Glue and S3 endpoints and its Confluent-compatible registry. */
export function sandboxProfile(
  sandbox: Pick<Sandbox, 'endpoint' | 'dynamodbEndpoint' | 'glueEndpoint' | 'region'> &
    Partial<Pick<Sandbox, 'confluentRegistryEndpoint' | 's3Endpoint'>>,
): ProfileInput {
  return {
    name: SANDBOX_PROFILE,
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    dynamodbEndpoint: sandbox.dynamodbEndpoint,
    glueEndpoint: sandbox.glueEndpoint,
    ...(sandbox.s3Endpoint ? { s3Endpoint: sandbox.s3Endpoint } : {}),
    schemaRegistry: sandbox.confluentRegistryEndpoint ? { url: sandbox.confluentRegistryEndpoint, auth: { kind: 'none' } } : null,
    source: { type: 'default-chain' },
    readBudget: null,
    readOnly: false,
  };
}

/**
 * Whether a saved connection is one a sandbox may refresh: it points only at this machine and
 * signs with no keys of its own. Anything else under that name is the user's, and stays as it is.
 */
export function isRefreshableSandboxProfile(profile: ProfileView): boolean {
  if (!profile.endpoint || !isLoopbackEndpoint(profile.endpoint)) return false;
  if (profile.dynamodbEndpoint && !isLoopbackEndpoint(profile.dynamodbEndpoint)) return false;
  if (profile.glueEndpoint && !isLoopbackEndpoint(profile.glueEndpoint)) return false;
  if (profile.s3Endpoint && !isLoopbackEndpoint(profile.s3Endpoint)) return false;
  // A registry that asks for a secret is one the user set up, not the sandbox's.
  if (profile.schemaRegistry && (profile.schemaRegistry.auth.kind !== 'none' || !isLoopbackEndpoint(profile.schemaRegistry.url)))
    return false;
  return profile.source.type === 'default-chain' && !profile.readOnly;
}

import { isLoopbackEndpoint } from '../../../shared/contract';
import type { Remedy } from '../../../shared/contract/errors';
import type { ConnectionTarget } from '../connections/target';

/** Why a side service cannot be asked, and what the user can do about it. */
export interface Unavailable {
  reason: string;
  remedy: Remedy;
}

// Whether a connection has lease tables and Lambda to ask, decided without loading either SDK client.

/**
 * Where a connection's lease tables are: the DynamoDB it names (dynalite beside the sandbox), or
 * AWS's in its region. A local Kinesis with no DynamoDB named has none (never AWS's, with local keys).
 */
export function leaseStoreUnavailable(target: ConnectionTarget, env: NodeJS.ProcessEnv = process.env): Unavailable | null {
  if (target.dynamodbEndpoint || target.kind === 'aws' || env.AWS_ENDPOINT_URL_DYNAMODB) return null;
  if (target.kind === 'endpoint' && !isLoopbackEndpoint(target.endpoint)) return null;
  return { reason: 'This connection names no DynamoDB endpoint for KCL lease tables.', remedy: 'set-dynamodb-endpoint' };
}

/**
 * Lambda is on AWS only. A connection to a custom endpoint asks it only where the standard
 * AWS_ENDPOINT_URL_LAMBDA variable names one (LocalStack, a stand-in), which the SDK itself reads.
 */
export function lambdaUnavailable(target: ConnectionTarget, env: NodeJS.ProcessEnv = process.env): string | null {
  if (target.kind === 'aws' || env.AWS_ENDPOINT_URL_LAMBDA) return null;
  return target.kind === 'sandbox'
    ? 'The sandbox has no Lambda.'
    : 'This connection is a custom endpoint: set AWS_ENDPOINT_URL_LAMBDA to ask a Lambda there.';
}

import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../aws/clients';
import { AppError } from '../../core/app-error';
import { isLoopbackEndpoint } from '../../../shared/contract';
import { checkEndpoint, credentialsOf, describeTarget, type ConnectionTarget } from './target';

/**
 * An S3 client for a connection: its S3 endpoint (the sandbox's local S3) or, absent,
 * AWS_ENDPOINT_URL_S3 or AWS's in its region, signing with the connection's credentials and
 * carrying its read-only guard. The caller destroys it.
 */
export function createS3ClientFor(target: ConnectionTarget, env: NodeJS.ProcessEnv = process.env): Promise<S3Client> {
  // A local Kinesis signs with placeholder keys: sent to AWS's S3 they would only be refused, or worse, be someone's.
  if (target.kind === 'endpoint' && isLoopbackEndpoint(target.endpoint) && !target.s3Endpoint && !env.AWS_ENDPOINT_URL_S3)
    return Promise.reject(
      new AppError(
        'invalid-input',
        `The connection ${describeTarget(target).label} is a local Kinesis and names no S3 endpoint to read or write s3:// with.`,
      ),
    );
  const { label } = describeTarget(target);
  const now = () => target.kind !== 'sandbox' && (target.readOnlyNow?.() ?? Boolean(target.readOnly));
  return createS3Client({
    region: target.region,
    endpoint: target.s3Endpoint ? checkEndpoint(target.s3Endpoint) : null,
    credentials: credentialsOf(target),
    readOnly: target.kind === 'sandbox' ? null : { connection: label, now },
  });
}

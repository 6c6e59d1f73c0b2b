import { classifyAwsError } from '../../../aws/errors';
import { AppError } from '../../../core/app-error';

/**
 * An S3 failure that no retry will mend, said with the action IAM names and the object: AWS's
 * own AccessDenied often says only "Access Denied". A transient one (throttling, a 5xx, a dropped
 * connection) is given back as it was, for the caller's retry to classify.
 */
export function s3Failure(error: unknown, action: string, url: string): unknown {
  const failure = classifyAwsError(error);
  switch (failure.failure) {
    case 'access-denied':
      return new AppError('access-denied', `S3 refused ${action} on ${url}: ${failure.message}`);
    case 'kms-denied':
      return new AppError('kms-denied', `KMS refused the key S3 needs for ${action} on ${url}: ${failure.message}`);
    case 'not-found':
      return new AppError('not-found', failure.name === 'NoSuchBucket' ? failure.message : `${url}: ${failure.message}`);
    case 'credentials':
      return new AppError('credentials', `S3 did not accept this connection's credentials for ${action} on ${url}: ${failure.message}`);
    case 'invalid-request':
    case 'unsupported':
    case 'condition-failed':
      return new AppError(failure.code, `S3 refused ${action} on ${url}: ${failure.name}: ${failure.message}`);
    default:
      return error;
  }
}

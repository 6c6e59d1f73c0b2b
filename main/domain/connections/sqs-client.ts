import type { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsClient } from '../../aws/clients';
import { AppError } from '../../core/app-error';
import { isLoopbackEndpoint, PLAIN_HTTP_REFUSAL, plainHttpAllowed } from '../../../shared/contract';
import { credentialsOf, describeTarget, type ConnectionTarget } from './target';

/** The region an AWS queue URL names (sqs.REGION.amazonaws.com), which its calls must be signed for. */
function regionOfQueue(queueUrl: string): string | null {
  return /^sqs\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazonaws\.com(?:\.cn)?$/.exec(new URL(queueUrl).hostname)?.[1] ?? null;
}

/**
 * An SQS client for a queue of failure notices, signing with the connection's credentials and
 * carrying its read-only guard (which refuses DeleteMessage, decision 0069). The caller destroys it.
 */
export function createSqsClientFor(target: ConnectionTarget, queueUrl: string): Promise<SQSClient> {
  if (!plainHttpAllowed(queueUrl)) return Promise.reject(new AppError('invalid-input', PLAIN_HTTP_REFUSAL));
  // A local Kinesis signs with placeholder keys (or the environment's): they go to a local queue only.
  const localKinesis = target.kind !== 'aws' && isLoopbackEndpoint(target.endpoint);
  if (localKinesis && !isLoopbackEndpoint(queueUrl))
    return Promise.reject(
      new AppError(
        'invalid-input',
        `The connection ${describeTarget(target).label} is a local Kinesis: its keys are not sent to the queue ${queueUrl}.`,
      ),
    );
  const now = () => target.kind !== 'sandbox' && (target.readOnlyNow?.() ?? Boolean(target.readOnly));
  return createSqsClient({
    region: regionOfQueue(queueUrl) ?? target.region,
    endpoint: null,
    credentials: credentialsOf(target),
    queueUrl,
    readOnly: target.kind === 'sandbox' ? null : { connection: describeTarget(target).label, now },
  });
}

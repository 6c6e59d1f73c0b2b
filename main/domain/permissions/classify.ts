import type { PermissionStatus } from '../../../shared/contract';
import type { Remedy } from '../../../shared/contract/errors';
import { classifyAwsError } from '../../aws/errors';
import { toApiError } from '../../core/app-error';

export interface Outcome {
  status: PermissionStatus;
  reason: string | null;
  remedy?: Remedy;
}

/**
 * What a probe's failure says about the permission. Only AWS's own denial counts as missing;
 * anything that stopped the call before IAM could answer leaves the action unchecked.
 */
export function classifyProbeError(error: unknown): Outcome {
  const failure = classifyAwsError(error);
  switch (failure.failure) {
    case 'access-denied':
      return { status: 'missing', reason: failure.message };
    case 'kms-denied':
      return { status: 'kms-denied', reason: `${failure.name}: ${failure.message}` };
    case 'not-found':
      return { status: 'unchecked', reason: `Not found: ${failure.message}` };
    case 'unsupported':
      return { status: 'unchecked', reason: 'This endpoint does not implement the call.' };
    default:
      // Throttling (KMSThrottlingException included) says nothing about what IAM would allow.
      return { status: 'unchecked', reason: toApiError(error).message };
  }
}

/** AWS names the resource it refused, e.g. "… on resource: arn:aws:kinesis:…:stream/orders …". */
export function resourceFromDenial(message: string | null): string | null {
  return message ? (/on resource: (arn:[^\s]+:stream\/[\w.-]+)/.exec(message)?.[1] ?? null) : null;
}

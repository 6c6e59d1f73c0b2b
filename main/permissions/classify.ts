import type { PermissionStatus } from '../../shared/contract';
import { toApiError } from '../dispatch/app-error';

export interface Outcome {
  status: PermissionStatus;
  reason: string | null;
}

const kmsErrors = new Set(['KMSAccessDeniedException', 'KMSDisabledException', 'KMSNotFoundException', 'KMSInvalidStateException', 'KMSOptInRequired', 'KMSThrottlingException']);

/**
 * What a probe's failure says about the permission. Only AWS's own denial counts as missing;
 * anything that stopped the call before IAM could answer leaves the action unchecked.
 */
export function classifyProbeError(error: unknown): Outcome {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'AccessDeniedException' || name === 'AccessDenied') return { status: 'missing', reason: message };
  if (kmsErrors.has(name)) return { status: 'kms-denied', reason: `${name}: ${message}` };
  if (name === 'ResourceNotFoundException') return { status: 'unchecked', reason: `Not found: ${message}` };
  if (name === 'UnknownOperationException') return { status: 'unchecked', reason: 'This endpoint does not implement the call.' };
  return { status: 'unchecked', reason: toApiError(error).message };
}

/** AWS names the resource it refused, e.g. "… on resource: arn:aws:kinesis:…:stream/orders …". */
export function resourceFromDenial(message: string | null): string | null {
  return message ? (/on resource: (arn:[^\s]+:stream\/[\w.-]+)/.exec(message)?.[1] ?? null) : null;
}

import type { ApiErrorShape, ErrorCode } from '../../shared/contract/errors';

/** A failure domain code raises on purpose, with a message fit to show a user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const awsCodes: Record<string, ErrorCode> = {
  ResourceNotFoundException: 'not-found',
  AccessDeniedException: 'access-denied',
  KMSAccessDeniedException: 'kms-denied',
  KMSDisabledException: 'kms-denied',
  KMSNotFoundException: 'kms-denied',
  KMSInvalidStateException: 'kms-denied',
  KMSOptInRequired: 'kms-denied',
  KMSThrottlingException: 'throttled',
  LimitExceededException: 'throttled',
  ProvisionedThroughputExceededException: 'throttled',
  UnrecognizedClientException: 'credentials',
  InvalidSignatureException: 'credentials',
  ExpiredTokenException: 'credentials',
  CredentialsProviderError: 'credentials',
};

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * Turns anything thrown by domain code into the envelope's error. AWS SDK errors keep their
 * service name in the message because users search for it; stacks never leave main.
 */
export function toApiError(error: unknown): ApiErrorShape {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof Error) {
    const name = error.name;
    const code = (error as { code?: string }).code ?? findCauseCode(error);
    if (code && networkCodes.has(code)) {
      return { code: 'unreachable', message: `The endpoint could not be reached (${code}).` };
    }
    if (name in awsCodes) return { code: awsCodes[name]!, message: `${name}: ${error.message}` };
    if ((error as { $metadata?: unknown }).$metadata !== undefined) {
      return { code: 'aws', message: `${name}: ${error.message}` };
    }
  }
  return { code: 'internal', message: 'Shardscope hit an unexpected error; details are in the main-process log.' };
}

function findCauseCode(error: Error): string | undefined {
  let cause: unknown = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as { code?: string }).code;
    if (code) return code;
    cause = cause.cause;
  }
  // AggregateError from a dual-stack connect keeps the codes in `errors`.
  const errors = (error as { errors?: unknown[] }).errors;
  const first = errors?.find((e): e is { code: string } => typeof (e as { code?: unknown })?.code === 'string');
  return first?.code;
}

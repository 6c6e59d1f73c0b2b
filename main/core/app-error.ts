import type { ApiErrorShape, ErrorCode, Remedy } from '../../shared/contract/errors';
import { classifyAwsError } from '../aws/errors';
import { redactSecrets } from '../security/redact';
import { describeFileError } from './file-error';

/** A failure domain code raises on purpose, with a message fit to show a user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the user can do about it, worded by each host. */
    readonly remedy?: Remedy,
    /** Names the user may have meant (a stream that is not there), for each host to offer. */
    readonly suggestions?: readonly string[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Turns anything thrown by domain code into the envelope's error. AWS SDK errors keep their
 * service name in the message because users search for it; stacks never leave main.
 */
export function toApiError(error: unknown): ApiErrorShape {
  if (error instanceof AppError)
    return {
      code: error.code,
      message: redactSecrets(error.message),
      ...(error.remedy ? { remedy: error.remedy } : {}),
      ...(error.suggestions?.length ? { suggestions: [...error.suggestions] } : {}),
    };
  const failure = classifyAwsError(error);
  switch (failure.failure) {
    case 'not-aws': {
      // A file or folder that cannot be used is the user's to fix, said in words with its path.
      const fileProblem = describeFileError(error);
      if (fileProblem) return { code: 'unavailable', message: redactSecrets(fileProblem) };
      return { code: 'internal', message: 'Shardscope hit an unexpected error; details are in the main-process log.' };
    }
    case 'unreachable':
      return { code: 'unreachable', message: failure.message };
    case 'aborted':
      return { code: 'unavailable', message: 'The call was cancelled.' };
    case 'read-only':
      // Shardscope's own refusal, not AWS's: said as it is.
      return { code: 'read-only', message: failure.message, remedy: 'make-writable' };
    default:
      return { code: failure.code, message: `${failure.name}: ${failure.message}` };
  }
}

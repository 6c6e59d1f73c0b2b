import { describe, expect, it } from 'vitest';
import { AppError, toApiError } from '../../main/core/app-error';

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

describe('toApiError', () => {
  it.each([
    ['ResourceNotFoundException', 'not-found'],
    ['AccessDeniedException', 'access-denied'],
    ['KMSAccessDeniedException', 'kms-denied'],
    ['ProvisionedThroughputExceededException', 'throttled'],
    ['ExpiredTokenException', 'credentials'],
    ['UnrecognizedClientException', 'credentials'],
    ['SomeNewServiceException', 'aws'],
  ])('maps %s to %s and keeps the service name in the message', (name, code) => {
    const error = toApiError(awsError(name, 'details from AWS'));
    expect(error).toEqual({ code, message: `${name}: details from AWS` });
  });

  it('recognises a refused connection deep in the cause chain', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(toApiError(new Error('request failed', { cause: refused }))).toEqual({
      code: 'unreachable',
      message: 'The endpoint could not be reached: nothing is listening at that address.',
    });
  });

  it('keeps an AppError as it is', () => {
    expect(toApiError(new AppError('unavailable', 'No UI built.'))).toEqual({ code: 'unavailable', message: 'No UI built.' });
  });

  it('says nothing specific about an unknown failure', () => {
    expect(toApiError('boom')).toMatchObject({ code: 'internal' });
    expect(toApiError(new RangeError('internal detail'))).toMatchObject({ code: 'internal' });
  });
});

import { describe, expect, it } from 'vitest';
import { classifyAwsError } from '../../main/aws/errors';

const aws = (name: string, status = 400) => Object.assign(new Error(`${name} said no`), { name, $metadata: { httpStatusCode: status } });

describe('the one AWS error classifier', () => {
  it.each([
    ['AccessDeniedException', 'access-denied', 'stop', 'access-denied'],
    ['KMSAccessDeniedException', 'kms-denied', 'stop', 'kms-denied'],
    ['KMSDisabledException', 'kms-denied', 'stop', 'kms-denied'],
    ['KMSNotFoundException', 'kms-denied', 'stop', 'kms-denied'],
    ['KMSInvalidStateException', 'kms-denied', 'stop', 'kms-denied'],
    ['KMSOptInRequired', 'kms-denied', 'stop', 'kms-denied'],
    ['KMSThrottlingException', 'throttled', 'back-off', 'throttled'],
    ['ProvisionedThroughputExceededException', 'throttled', 'back-off', 'throttled'],
    ['LimitExceededException', 'throttled', 'back-off', 'throttled'],
    ['ResourceNotFoundException', 'not-found', 'stop', 'not-found'],
    ['EntityNotFoundException', 'not-found', 'stop', 'not-found'],
    ['InvalidInputException', 'invalid-request', 'stop', 'aws'],
    ['InternalServiceException', 'server', 'retry', 'aws'],
    ['ExpiredTokenException', 'credentials', 'stop', 'credentials'],
    ['UnrecognizedClientException', 'credentials', 'stop', 'credentials'],
    ['ExpiredIteratorException', 'expired-iterator', 'renew-iterator', 'aws'],
    ['InvalidArgumentException', 'invalid-request', 'stop', 'aws'],
    ['SomethingNewException', 'other-aws', 'retry', 'aws'],
  ])('%s is %s: a reader does %s; the transport says %s', (name, failure, reader, code) => {
    expect(classifyAwsError(aws(name))).toMatchObject({ failure, reader, code, name, message: `${name} said no` });
  });

  it('retries a server error and a 429 by their status when the name is unknown', () => {
    expect(classifyAwsError(aws('Weird', 503))).toMatchObject({ failure: 'server', reader: 'retry' });
    expect(classifyAwsError(aws('Weird', 429))).toMatchObject({ failure: 'throttled', reader: 'back-off' });
  });

  it('finds network trouble in the cause chain and retries it; TLS trouble stops', () => {
    const reset = new Error('socket hang up', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    expect(classifyAwsError(reset)).toMatchObject({
      failure: 'unreachable',
      reader: 'retry',
      code: 'unreachable',
      message: 'The endpoint could not be reached: the connection was cut off.',
    });
    const tls = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    expect(classifyAwsError(tls)).toMatchObject({ failure: 'tls', reader: 'stop', code: 'tls' });
    expect(classifyAwsError(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toMatchObject({
      failure: 'timeout',
      reader: 'retry',
    });
  });

  it('calls a plain bug not an AWS failure', () => {
    expect(classifyAwsError(new TypeError('x is undefined'))).toMatchObject({ failure: 'not-aws', reader: 'stop', code: 'internal' });
    expect(classifyAwsError('a string')).toMatchObject({ failure: 'not-aws' });
  });
});

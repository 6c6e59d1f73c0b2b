import type { ErrorCode } from '../../shared/contract/errors';
import { redactSecrets } from '../security/redact';

/** What kind of failure an AWS call met, in the terms every caller decides by. */
export type AwsFailure =
  | 'access-denied'
  | 'kms-denied'
  | 'not-found'
  | 'credentials'
  | 'throttled'
  | 'expired-iterator'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'server'
  | 'invalid-request'
  | 'unsupported'
  | 'aborted'
  | 'read-only'
  | 'condition-failed'
  | 'other-aws'
  | 'not-aws';

/** What a long-running reader does about it: stop with the reason, wait and try again, or renew its iterator. */
export type ReaderAction = 'stop' | 'back-off' | 'retry' | 'renew-iterator';

export interface AwsErrorClass {
  failure: AwsFailure;
  /** The AWS error name (e.g. AccessDeniedException) or the network code (e.g. ECONNRESET). */
  name: string;
  /** AWS's own message, or a plain one for network failures. */
  message: string;
  reader: ReaderAction;
  /** The error code that crosses a transport. */
  code: ErrorCode;
}

const byName: Record<string, AwsFailure> = {
  AccessDeniedException: 'access-denied',
  AccessDenied: 'access-denied',
  KMSAccessDeniedException: 'kms-denied',
  KMSDisabledException: 'kms-denied',
  KMSNotFoundException: 'kms-denied',
  KMSInvalidStateException: 'kms-denied',
  KMSOptInRequired: 'kms-denied',
  // A busy key is slowness, not a refusal: it is waited out like any other throttling.
  KMSThrottlingException: 'throttled',
  ProvisionedThroughputExceededException: 'throttled',
  LimitExceededException: 'throttled',
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  TooManyRequestsException: 'throttled',
  RequestLimitExceeded: 'throttled',
  ResourceNotFoundException: 'not-found',
  // Glue's names: a schema version, schema or registry that is not there, and a refused input.
  EntityNotFoundException: 'not-found',
  InvalidInputException: 'invalid-request',
  InternalServiceException: 'server',
  UnrecognizedClientException: 'credentials',
  InvalidSignatureException: 'credentials',
  InvalidClientTokenId: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  IncompleteSignature: 'credentials',
  InvalidAccessKeyId: 'credentials',
  ExpiredTokenException: 'credentials',
  ExpiredToken: 'credentials',
  RequestExpired: 'credentials',
  TokenRefreshRequired: 'credentials',
  CredentialsProviderError: 'credentials',
  ProviderError: 'credentials',
  TokenProviderError: 'credentials',
  ExpiredIteratorException: 'expired-iterator',
  InvalidArgumentException: 'invalid-request',
  ValidationException: 'invalid-request',
  ResourceInUseException: 'invalid-request',
  UnknownOperationException: 'unsupported',
  InternalFailure: 'server',
  InternalFailureException: 'server',
  InternalServerError: 'server',
  ServiceUnavailable: 'server',
  ServiceUnavailableException: 'server',
  TimeoutError: 'timeout',
  RequestTimeout: 'timeout',
  RequestTimeoutException: 'timeout',
  AbortError: 'aborted',
  ReadOnlyConnectionError: 'read-only',
  // DynamoDB refused a conditional write: the item changed since it was read (a lease renewed).
  ConditionalCheckFailedException: 'condition-failed',
  TransactionCanceledException: 'condition-failed',
  // S3: a conditional write refused (If-None-Match / If-Match), or raced by another write.
  PreconditionFailed: 'condition-failed',
  ConditionalRequestConflict: 'condition-failed',
  NoSuchKey: 'not-found',
  NoSuchUpload: 'not-found',
  NoSuchBucket: 'not-found',
  // HeadObject's 404 has no body: the SDK names it by status alone.
  NotFound: 'not-found',
  SlowDown: 'throttled',
  // A header S3 does not support with that value (If-None-Match other than *).
  NotImplemented: 'unsupported',
};

/** The network failures, each with what it means in words: a user reads these, not the code. */
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening at that address',
  ECONNRESET: 'the connection was cut off',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed while sending',
  ENOTFOUND: 'its host name is not known',
  EAI_AGAIN: 'its host name could not be looked up just now',
  EHOSTUNREACH: 'there is no route to its host',
  ENETUNREACH: 'this machine has no route to that network',
  ECONNABORTED: 'the connection was dropped',
  UND_ERR_SOCKET: 'the connection was closed by the other side',
};
export const NETWORK_CODES = new Set(Object.keys(NETWORK_WORDS));

/** "nothing is listening at that address" for ECONNREFUSED; the code itself for one not known. */
export function networkFailureWords(code: string): string {
  return NETWORK_WORDS[code] ?? `the network failed (${code})`;
}
export const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

const readerAction: Record<AwsFailure, ReaderAction> = {
  'access-denied': 'stop',
  'kms-denied': 'stop',
  'not-found': 'stop',
  credentials: 'stop',
  throttled: 'back-off',
  'expired-iterator': 'renew-iterator',
  unreachable: 'retry',
  timeout: 'retry',
  tls: 'stop',
  server: 'retry',
  'invalid-request': 'stop',
  unsupported: 'stop',
  aborted: 'stop',
  'read-only': 'stop',
  'condition-failed': 'stop',
  'other-aws': 'retry',
  'not-aws': 'stop',
};

const transportCode: Record<AwsFailure, ErrorCode> = {
  'access-denied': 'access-denied',
  'kms-denied': 'kms-denied',
  'not-found': 'not-found',
  credentials: 'credentials',
  throttled: 'throttled',
  'expired-iterator': 'aws',
  unreachable: 'unreachable',
  timeout: 'unreachable',
  tls: 'tls',
  server: 'aws',
  'invalid-request': 'aws',
  unsupported: 'aws',
  aborted: 'unavailable',
  'read-only': 'read-only',
  'condition-failed': 'conflict',
  'other-aws': 'aws',
  'not-aws': 'internal',
};

/** Every `code` on the error, its causes and an AggregateError's members (a dual-stack connect keeps them there). */
export function errorCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    for (const inner of (current as { errors?: unknown[] }).errors ?? []) {
      const innerCode = (inner as { code?: unknown }).code;
      if (typeof innerCode === 'string') codes.push(innerCode);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function failureOf(error: Error, codes: string[]): { failure: AwsFailure; name: string } {
  const tls = codes.find((code) => TLS_CODES.has(code));
  if (tls) return { failure: 'tls', name: tls };
  const network = codes.find((code) => NETWORK_CODES.has(code));
  if (network) return { failure: 'unreachable', name: network };
  if (error.name in byName) return { failure: byName[error.name]!, name: error.name };
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  if (metadata !== undefined) {
    const status = metadata.httpStatusCode ?? 0;
    if (status === 429) return { failure: 'throttled', name: error.name };
    // A refused HEAD (S3's HeadObject) has no body to name it: the status is all there is.
    if (status === 403) return { failure: 'access-denied', name: error.name };
    if (status >= 500) return { failure: 'server', name: error.name };
    return { failure: 'other-aws', name: error.name };
  }
  // The SDK's own fault classes carry $fault without $metadata on some paths.
  if ((error as { $fault?: unknown }).$fault !== undefined) return { failure: 'other-aws', name: error.name };
  return { failure: 'not-aws', name: error.name };
}

/** S3 says only "The specified bucket does not exist"; which one is in the error's BucketName. */
function noSuchBucketWords(error: Error): string {
  const bucket = (error as { BucketName?: unknown }).BucketName;
  return typeof bucket === 'string' && bucket
    ? `There is no bucket named "${bucket}" where this connection's S3 calls go.`
    : `The bucket does not exist where this connection's S3 calls go.`;
}

/**
 * The one place that says what an AWS (or network) failure means: the reader, the dispatcher,
 * the connection diagnoses, the permission checker and the CLI all decide by this.
 */
export function classifyAwsError(error: unknown): AwsErrorClass {
  if (!(error instanceof Error)) {
    return { failure: 'not-aws', name: typeof error, message: redactSecrets(String(error)), reader: 'stop', code: 'internal' };
  }
  const { failure, name } = failureOf(error, errorCodesOf(error));
  // AWS quotes the refused request back (its signature, its session token): never pass that on.
  const message =
    failure === 'unreachable'
      ? `The endpoint could not be reached: ${networkFailureWords(name)}.`
      : name === 'NoSuchBucket'
        ? noSuchBucketWords(error)
        : redactSecrets(error.message);
  return { failure, name, message, reader: readerAction[failure], code: transportCode[failure] };
}

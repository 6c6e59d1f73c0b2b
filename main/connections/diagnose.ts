import { AppError, toApiError } from '../dispatch/app-error';

export interface Diagnosis {
  message: string;
  /** A command that fixes it, where there is one. */
  fix: string | null;
}

export interface DiagnosisContext {
  region: string;
  endpoint: string | null;
  /** The AWS shared-config profile behind the connection, for `aws sso login --profile`. */
  awsProfile: string | null;
  usesSso: boolean;
}

const badKeys = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature', 'InvalidAccessKeyId']);
const expired = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const tlsCodes = new Set([
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

function codesOf(error: unknown): string[] {
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

function ssoLogin(context: DiagnosisContext): string | null {
  return context.awsProfile ? `aws sso login --profile ${context.awsProfile}` : null;
}

/**
 * Says what went wrong with a connection in a user's terms, with the command that fixes it where
 * one exists. The order matters: a TLS or DNS failure says nothing about the credentials.
 */
export function diagnoseConnectionError(error: unknown, context: DiagnosisContext): Diagnosis {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const codes = codesOf(error);
  const where = context.endpoint ?? `AWS in ${context.region}`;

  const tls = codes.find((code) => tlsCodes.has(code));
  if (tls) return { message: `The TLS connection to ${where} failed (${tls}): its certificate is not trusted or does not match.`, fix: null };
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return context.endpoint
      ? { message: `The endpoint's host name could not be resolved (${context.endpoint}).`, fix: null }
      : { message: `AWS could not be reached in region "${context.region}": the region may not exist, or this machine has no network.`, fix: null };
  }
  const network = codes.find((code) => ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code));
  if (network) return { message: `${where} could not be reached (${network}).`, fix: null };
  if (name === 'TimeoutError') return { message: `${where} did not answer in time.`, fix: null };

  if (badKeys.has(name)) {
    return { message: `The access key ID or secret access key is not valid. AWS said: ${name}: ${message}`, fix: null };
  }
  if (expired.has(name)) {
    return context.usesSso
      ? { message: `The SSO session for "${context.awsProfile}" has expired.`, fix: ssoLogin(context) }
      : { message: `The session token has expired. Get fresh temporary credentials and save them again. AWS said: ${message}`, fix: null };
  }
  if (/sso/i.test(message) && /(expired|refresh|token|login)/i.test(message)) {
    return { message: `The SSO session for "${context.awsProfile ?? 'this profile'}" has expired or was never started.`, fix: ssoLogin(context) };
  }
  if (name === 'CredentialsProviderError' || name === 'ProviderError') {
    return { message: `No usable credentials: ${message}`, fix: context.usesSso ? ssoLogin(context) : null };
  }
  if (error instanceof AppError) return { message: error.message, fix: null };
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return { message: `The credentials work but may not make this call. AWS said: ${message}`, fix: null };
  }
  return { message: toApiError(error).message, fix: null };
}

import { classifyAwsError, networkFailureWords } from '../../aws/errors';
import { AppError, toApiError } from '../../core/app-error';

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

function ssoLogin(context: DiagnosisContext): string | null {
  return context.awsProfile ? `aws sso login --profile ${context.awsProfile}` : null;
}

/** The SSO token provider's failures carry no distinct name, only words. */
function ssoTrouble(message: string, context: DiagnosisContext): Diagnosis | null {
  if (!/sso/i.test(message) || !/(expired|refresh|token|login)/i.test(message)) return null;
  return {
    message: `The SSO session for "${context.awsProfile ?? 'this profile'}" has expired or was never started.`,
    fix: ssoLogin(context),
  };
}

/**
 * Says what went wrong with a connection in a user's terms, with the command that fixes it where
 * one exists. The order matters: a TLS or DNS failure says nothing about the credentials.
 */
export function diagnoseConnectionError(error: unknown, context: DiagnosisContext): Diagnosis {
  const failure = classifyAwsError(error);
  // Redacted by the classifier: AWS quotes the refused request, session token and all.
  const message = failure.message;
  const where = context.endpoint ?? `AWS in ${context.region}`;

  switch (failure.failure) {
    case 'tls':
      return {
        message: `The TLS connection to ${where} failed (${failure.name}): its certificate is not trusted or does not match.`,
        fix: null,
      };
    case 'unreachable':
      if (failure.name === 'ENOTFOUND' || failure.name === 'EAI_AGAIN') {
        return context.endpoint
          ? { message: `The endpoint's host name could not be resolved (${context.endpoint}).`, fix: null }
          : {
              message: `AWS could not be reached in region "${context.region}": the region may not exist, or this machine has no network.`,
              fix: null,
            };
      }
      return { message: `${where} could not be reached: ${networkFailureWords(failure.name)}.`, fix: null };
    case 'timeout':
      return { message: `${where} did not answer in time.`, fix: null };
    case 'credentials':
      return diagnoseCredentials(failure.name, message, context);
    case 'access-denied':
      return { message: `The credentials work but may not make this call. AWS said: ${message}`, fix: null };
  }
  const sso = ssoTrouble(message, context);
  if (sso) return sso;
  if (error instanceof AppError) return { message: error.message, fix: null };
  return { message: toApiError(error).message, fix: null };
}

const expiredNames = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const providerNames = new Set(['CredentialsProviderError', 'ProviderError', 'TokenProviderError']);

function diagnoseCredentials(name: string, message: string, context: DiagnosisContext): Diagnosis {
  if (expiredNames.has(name)) {
    return context.usesSso
      ? { message: `The SSO session for "${context.awsProfile}" has expired.`, fix: ssoLogin(context) }
      : { message: `The session token has expired. Get fresh temporary credentials and save them again. AWS said: ${message}`, fix: null };
  }
  const sso = ssoTrouble(message, context);
  if (sso) return sso;
  if (providerNames.has(name)) return { message: `No usable credentials: ${message}`, fix: context.usesSso ? ssoLogin(context) : null };
  return { message: `The access key ID or secret access key is not valid. AWS said: ${name}: ${message}`, fix: null };
}

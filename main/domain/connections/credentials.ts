import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AppError } from '../../core/app-error';
import type { StoredProfile } from './profile-file';
import type { ProfileSecrets } from './profile-secrets';
import { isLoopbackEndpoint } from '../../../shared/contract';
import { localCredentials } from './target';

export interface CredentialOptions {
  /** Asked for an MFA code when an assume-role profile needs one (the CLI prompts on its terminal). */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
}

/**
 * The credential provider for a saved profile. Only main ever holds what it returns; the SDK
 * caches the credentials and calls it again when they expire.
 */
export function credentialsForProfile(
  profile: StoredProfile,
  secrets: ProfileSecrets,
  options: CredentialOptions = {},
): AwsCredentialIdentityProvider {
  const source = profile.source;
  switch (source.type) {
    case 'access-keys':
      return async () => {
        const secret = await secrets.get(profile.name);
        if (!secret) {
          throw new AppError(
            'credentials',
            `No secret access key is stored for "${profile.name}": edit the connection and enter it again.`,
          );
        }
        return { accessKeyId: source.accessKeyId, secretAccessKey: secret.secretAccessKey, sessionToken: secret.sessionToken };
      };
    case 'aws-profile':
      return awsProfileCredentials(source.awsProfile, options);
    case 'default-chain': {
      if (profile.endpoint && isLoopbackEndpoint(profile.endpoint)) return localCredentials();
      return fromNodeProviderChain({ ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}) });
    }
  }
}

/** Static keys, SSO (with sso_session), assume-role chains with MFA and credential_process, by the SDK. */
export function awsProfileCredentials(awsProfile: string, options: CredentialOptions = {}): AwsCredentialIdentityProvider {
  return fromIni({
    profile: awsProfile,
    ignoreCache: true,
    mfaCodeProvider:
      options.mfaCodeProvider ??
      (async () => {
        throw new AppError('credentials', `The AWS profile "${awsProfile}" needs an MFA code; use it from the CLI, which asks for one.`);
      }),
  });
}

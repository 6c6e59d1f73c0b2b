import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsProfileList } from '../../../shared/contract';

type ProfileSection = Record<string, string | undefined>;

function kindOf(section: ProfileSection): AwsProfileList['profiles'][number]['kind'] {
  if (section.sso_session || section.sso_start_url) return 'sso';
  if (section.role_arn && section.web_identity_token_file) return 'web-identity';
  if (section.role_arn) return 'assume-role';
  if (section.credential_process) return 'process';
  if (section.aws_access_key_id) return 'static';
  return 'other';
}

/**
 * The profiles in ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE), read by the SDK's own loader: the same view the SDK will use.
 */
export async function listAwsProfiles(): Promise<AwsProfileList> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The loader keys other sections by type, e.g. "sso-session.corp"; those are not profiles.
  const names = new Set(
    [...Object.keys(configFile), ...Object.keys(credentialsFile)].filter((name) => !/^(sso-session|services)\./.test(name)),
  );
  const profiles = [...names].sort().map((name) => {
    const section: ProfileSection = { ...credentialsFile[name], ...configFile[name] };
    return { name, kind: kindOf(section), region: section.region ?? null };
  });
  return { profiles };
}

/** The profile's section as the SDK sees it, or null when there is none of that name. */
export async function awsProfileSection(name: string): Promise<ProfileSection | null> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  if (!configFile[name] && !credentialsFile[name]) return null;
  return { ...credentialsFile[name], ...configFile[name] };
}

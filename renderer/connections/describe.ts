import type { ProfileView } from '../../shared/contract';

const secretText: Record<ProfileView['secret'], string> = {
  keychain: 'secret stored in keychain',
  session: 'secret kept for this session only',
  missing: 'secret missing: edit to enter it',
  none: '',
};

/** How a profile signs its calls, in a few words for a list row. */
export function describeCredentials(profile: ProfileView): string {
  switch (profile.source.type) {
    case 'access-keys':
      return `Access key ${profile.source.accessKeyId} · ${secretText[profile.secret]}`;
    case 'aws-profile':
      return `AWS profile “${profile.source.awsProfile}”`;
    case 'default-chain':
      return 'Default AWS credential chain';
  }
}

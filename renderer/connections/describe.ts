import type { ProfileView } from '../../shared/contract';

const secretText: Record<ProfileView['secret'], string> = {
  keychain: 'secret stored in keychain',
  session: 'secret kept for this session only',
  missing: 'secret missing: edit to enter it',
  none: '',
};

/** How a profile signs its calls, in a few words for a list row. */
export function describeCredentials(profile: ProfileView): string {
  const registry = describeRegistry(profile);
  return registry ? `${describeSource(profile)} · ${registry}` : describeSource(profile);
}

function describeSource(profile: ProfileView): string {
  switch (profile.source.type) {
    case 'access-keys':
      return `Access key ${profile.source.accessKeyId} · ${secretText[profile.secret]}`;
    case 'aws-profile':
      return `AWS profile “${profile.source.awsProfile}”`;
    case 'default-chain':
      return 'Default AWS credential chain';
  }
}

/** "schema registry registry.example.com (token stored in keychain)": where it is, never its secret. */
function describeRegistry(profile: ProfileView): string {
  const registry = profile.schemaRegistry;
  if (!registry) return '';
  let host = registry.url;
  try {
    host = new URL(registry.url).host;
  } catch {
    // A hand-edited URL is shown as it is.
  }
  if (registry.auth.kind === 'none') return `schema registry ${host}`;
  const secret = registry.auth.kind === 'basic' ? `password for ${registry.auth.username}` : 'token';
  const where = secretText[profile.registrySecret ?? 'missing'].replace(/^secret/, secret);
  return `schema registry ${host} (${where})`;
}

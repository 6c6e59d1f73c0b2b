import type { Profile, ValidSaveProfileInput } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { saveProfileFile, type ProfileFile, type StoredProfile } from './profile-file';
import type { ProfileSecrets } from './profile-secrets';

/** A profile as profiles.json keeps it: defaults (a budget wholly left to them, a writable connection) are not written down. */
export function storedProfileOf(input: Profile): StoredProfile {
  const { readBudget, readOnly, dynamodbEndpoint, glueEndpoint, s3Endpoint, schemaRegistry, ...rest } = input;
  return {
    ...rest,
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
    ...(glueEndpoint ? { glueEndpoint } : {}),
    ...(s3Endpoint ? { s3Endpoint } : {}),
    ...(schemaRegistry ? { schemaRegistry } : {}),
    ...(readBudget && (readBudget.callsPerSecond !== null || readBudget.mibPerSecond !== null) ? { readBudget } : {}),
    ...(readOnly ? { readOnly } : {}),
  };
}

/**
 * One save, on the file as it is on disk: the keychain entries it will touch are written down
 * first, then the new secret is stored, then the profile changes, then an old entry is removed,
 * so a crash at any point leaves either the old profile or the new one with its secret, and at
 * most an entry the next start sweeps away. Gives back the file to write and the profile replaced.
 */
export async function applyProfileSave(
  file: ProfileFile,
  input: ValidSaveProfileInput,
  profile: StoredProfile,
  dataDir: string,
  secrets: ProfileSecrets,
): Promise<{ file: ProfileFile; previous: StoredProfile | undefined }> {
  const find = (name: string) => file.profiles.find((p) => p.name === name);
  const previous = input.originalName === undefined ? undefined : find(input.originalName);
  if (input.originalName !== undefined && !previous)
    throw new AppError('not-found', `There is no saved connection named "${input.originalName}".`);
  const clash = find(profile.name);
  if (clash && clash !== previous) throw new AppError('conflict', `A connection named "${profile.name}" already exists.`);

  const hasKeys = profile.source.type === 'access-keys';
  const hadKeys = previous?.source.type === 'access-keys';
  const renamed = previous !== undefined && previous.name !== profile.name;
  if (hasKeys) {
    const sameKey =
      hadKeys &&
      previous.source.type === 'access-keys' &&
      profile.source.type === 'access-keys' &&
      previous.source.accessKeyId === profile.source.accessKeyId;
    if (!input.secret && !sameKey) throw new AppError('invalid-input', 'Enter the secret access key that belongs to this access key ID.');
  }
  const storesNew = hasKeys && (input.secret !== undefined || renamed);
  const retiresOld = hadKeys && (renamed || !hasKeys);
  const touched = [...(storesNew ? [profile.name] : []), ...(retiresOld ? [previous!.name] : [])];
  const journal = [...new Set([...file.pendingSecrets, ...touched])];
  if (touched.length > 0) await saveProfileFile(dataDir, { ...file, pendingSecrets: journal });

  if (hasKeys && input.secret) await secrets.set(profile.name, input.secret, input.sessionOnly);
  else if (hasKeys && renamed) await secrets.copy(previous!.name, profile.name);

  const profiles = file.profiles.filter((p) => p !== previous);
  profiles.push(profile);
  profiles.sort((a, b) => a.name.localeCompare(b.name));
  const active = previous !== undefined && file.active === previous.name ? profile.name : file.active;
  const switched: ProfileFile = { ...file, profiles, active, pendingSecrets: journal };
  if (!retiresOld) return { file: { ...switched, pendingSecrets: file.pendingSecrets }, previous };
  await saveProfileFile(dataDir, switched);
  // The old entry no profile names any more; if the keychain refuses now, the next start sweeps it.
  const removed = await secrets.delete(previous!.name).then(
    () => true,
    () => false,
  );
  return { file: removed ? { ...switched, pendingSecrets: file.pendingSecrets } : switched, previous };
}

/** A profile but for the settings that change in place: where it points and how it signs. */
export function withoutSettings(profile: StoredProfile): Omit<StoredProfile, 'readBudget' | 'readOnly'> {
  const { readBudget: _budget, readOnly: _readOnly, ...rest } = profile;
  return rest;
}

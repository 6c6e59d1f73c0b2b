import type { SecretState } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import type { ProfileFile, StoredProfile } from './profile-file';
import { SessionSecretStore, type SecretStore, type StoredSecret } from './secret-store';

/** A profile's secret in the keychain, or in memory for this session where the user chose that. */
export class ProfileSecrets {
  readonly session = new SessionSecretStore();
  constructor(readonly keychain: SecretStore) {}

  async get(profile: string): Promise<StoredSecret | null> {
    return (await this.session.get(profile)) ?? (await this.keychain.get(profile));
  }

  async set(profile: string, secret: StoredSecret, sessionOnly: boolean): Promise<void> {
    if (sessionOnly) {
      await this.session.set(profile, secret);
      return;
    }
    await this.keychain.set(profile, secret);
    // A secret now in the keychain must not linger in memory as a second copy.
    await this.session.delete(profile);
  }

  /** Stores the secret under a second name too; the caller removes the old one once nothing names it. */
  async copy(from: string, to: string): Promise<void> {
    if (this.session.has(from)) {
      await this.session.set(to, (await this.session.get(from))!);
      return;
    }
    const secret = await this.keychain.get(from);
    if (secret) await this.keychain.set(to, secret);
  }

  async delete(profile: string): Promise<void> {
    const wasSessionOnly = await this.session.delete(profile);
    try {
      await this.keychain.delete(profile);
    } catch (error) {
      // A session-only secret never reached the keychain: an unusable keychain is no reason to keep the profile.
      if (!(wasSessionOnly && error instanceof AppError && error.code === 'keychain-unavailable')) throw error;
    }
  }

  async state(profile: string): Promise<SecretState> {
    if (this.session.has(profile)) return 'session';
    try {
      return (await this.keychain.get(profile)) ? 'keychain' : 'missing';
    } catch {
      return 'missing';
    }
  }

  /** A profile's secret state; only access-key profiles have one. */
  async stateOf(profile: StoredProfile): Promise<SecretState> {
    return profile.source.type === 'access-keys' ? this.state(profile.name) : 'none';
  }

  /** Deletes the keychain entries a change left listed that no access-key profile names, and empties the list. */
  async sweep(file: ProfileFile): Promise<ProfileFile> {
    const named = new Set(file.profiles.filter((p) => p.source.type === 'access-keys').map((p) => p.name));
    for (const name of file.pendingSecrets) if (!named.has(name)) await this.keychain.delete(name);
    return { ...file, pendingSecrets: [] };
  }
}

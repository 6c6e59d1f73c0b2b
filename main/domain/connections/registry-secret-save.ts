import type { ValidSaveProfileInput } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import type { StoredProfile } from './profile-file';
import type { RegistrySecrets } from './schema-registry/registry-secrets';

const needsSecret = (profile: Pick<StoredProfile, 'schemaRegistry'> | undefined) =>
  profile?.schemaRegistry?.auth.kind === 'basic' || profile?.schemaRegistry?.auth.kind === 'bearer';

/**
 * The schema registry's part of a save. Its password or token is stored before the profile that
 * uses it is written, and an old one is deleted only after (see `retire`), so the profile file
 * never names a registry whose secret was already thrown away.
 */
export class RegistrySecretSave {
  private constructor(
    private readonly secrets: RegistrySecrets,
    private readonly input: ValidSaveProfileInput,
    private readonly previous: StoredProfile | undefined,
  ) {}

  /** Checks the save before anything is written: a new kind of sign-in needs its secret. */
  static check(secrets: RegistrySecrets, input: ValidSaveProfileInput, previous: StoredProfile | undefined): RegistrySecretSave {
    const next = input.profile;
    if (needsSecret(next) && input.registrySecret === undefined) {
      const sameKind =
        needsSecret(previous) &&
        previous!.schemaRegistry!.auth.kind === next.schemaRegistry!.auth.kind &&
        previous!.schemaRegistry!.url === next.schemaRegistry!.url;
      if (!sameKind)
        throw new AppError(
          'invalid-input',
          next.schemaRegistry!.auth.kind === 'basic'
            ? 'Enter the password for the schema registry.'
            : 'Enter the token for the schema registry.',
        );
    }
    return new RegistrySecretSave(secrets, input, previous);
  }

  async store(): Promise<void> {
    const name = this.input.profile.name;
    if (!needsSecret(this.input.profile)) return;
    if (this.input.registrySecret !== undefined) await this.secrets.set(name, this.input.registrySecret, this.input.sessionOnly);
    else if (this.previous && this.previous.name !== name) await this.secrets.copy(this.previous.name, name);
  }

  /** After the profile is written: the entry nothing names any more goes. A keychain refusing now leaves it, unused. */
  async retire(): Promise<void> {
    if (!this.previous || !needsSecret(this.previous)) return;
    const renamed = this.previous.name !== this.input.profile.name;
    if (renamed || !needsSecret(this.input.profile)) await this.secrets.delete(this.previous.name).catch(() => false);
  }
}

export { needsSecret as registryNeedsSecret };

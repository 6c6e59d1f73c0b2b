import type { SecretStore } from '../secret-store';
import type { RegistryAuth } from './confluent-resolver';

/** How a connection's schema registry is asked; the password or token itself is only ever in the keychain. */
export type RegistryAuthSetting = { kind: 'none' } | { kind: 'basic'; username: string } | { kind: 'bearer' };

/**
 * Schema registry credentials in the same store as access keys (the OS keychain, or memory for a
 * session), under an account name no profile can have (profile names have no colon), so a
 * registry's secret and the connection's keys never overwrite each other.
 */
export class RegistrySecrets {
  constructor(private readonly store: SecretStore) {}

  private account(connection: string): string {
    return `schema-registry:${connection}`;
  }

  async set(connection: string, secret: string): Promise<void> {
    // The store keeps one secret field: the registry's password or token goes in it.
    await this.store.set(this.account(connection), { secretAccessKey: secret });
  }

  async delete(connection: string): Promise<boolean> {
    return this.store.delete(this.account(connection));
  }

  /** The credentials to send, fetched at each call so a changed secret is used at once. */
  authFor(connection: string, setting: RegistryAuthSetting): () => Promise<RegistryAuth> {
    return async () => {
      if (setting.kind === 'none') return { kind: 'none' };
      const stored = await this.store.get(this.account(connection));
      const secret = stored?.secretAccessKey ?? '';
      return setting.kind === 'basic' ? { kind: 'basic', username: setting.username, password: secret } : { kind: 'bearer', token: secret };
    };
  }
}

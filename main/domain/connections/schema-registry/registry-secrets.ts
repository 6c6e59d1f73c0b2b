import type { SecretState } from '../../../../shared/contract';
import { SessionSecretStore, type SecretStore } from '../secret-store';
import type { RegistryAuth } from './confluent-resolver';

/** How a connection's schema registry is asked; the password or token itself is only ever in the keychain. */
export type RegistryAuthSetting = { kind: 'none' } | { kind: 'basic'; username: string } | { kind: 'bearer' };

/**
 * Schema registry credentials in the same store as access keys (the OS keychain, or memory for a
 * session), under an account name no profile can have (profile names have no colon), so a
 * registry's secret and the connection's keys never overwrite each other.
 */
export class RegistrySecrets {
  private readonly listeners = new Set<(connection: string) => void>();

  constructor(
    private readonly store: SecretStore,
    /** Secrets the user chose to keep for this process only, looked at before the keychain. */
    private readonly session: SessionSecretStore = new SessionSecretStore(),
  ) {}

  private account(connection: string): string {
    return `schema-registry:${connection}`;
  }

  /** Called with a connection's name whenever its registry secret is set or deleted. */
  onChange(listener: (connection: string) => void): void {
    this.listeners.add(listener);
  }

  private changed(connection: string): void {
    for (const listener of this.listeners) listener(connection);
  }

  async set(connection: string, secret: string, sessionOnly = false): Promise<void> {
    // The store keeps one secret field: the registry's password or token goes in it.
    if (sessionOnly) await this.session.set(this.account(connection), { secretAccessKey: secret });
    else {
      await this.store.set(this.account(connection), { secretAccessKey: secret });
      // A secret now in the keychain must not linger in memory as a second copy.
      await this.session.delete(this.account(connection));
    }
    this.changed(connection);
  }

  async delete(connection: string): Promise<boolean> {
    try {
      const inSession = await this.session.delete(this.account(connection));
      if (inSession) return await this.store.delete(this.account(connection)).catch(() => true);
      return await this.store.delete(this.account(connection));
    } finally {
      this.changed(connection);
    }
  }

  /** Keeps the secret under a second connection name too (a rename); the caller deletes the old one. */
  async copy(from: string, to: string): Promise<void> {
    const inSession = await this.session.get(this.account(from));
    if (inSession) return this.session.set(this.account(to), inSession);
    const stored = await this.store.get(this.account(from));
    if (stored) await this.store.set(this.account(to), stored);
  }

  async state(connection: string): Promise<SecretState> {
    if (this.session.has(this.account(connection))) return 'session';
    try {
      return (await this.store.get(this.account(connection))) ? 'keychain' : 'missing';
    } catch {
      return 'missing';
    }
  }

  /** The credentials to send, fetched at each call so a changed secret is used at once. */
  authFor(connection: string, setting: RegistryAuthSetting): () => Promise<RegistryAuth> {
    return async () => {
      if (setting.kind === 'none') return { kind: 'none' };
      const stored = (await this.session.get(this.account(connection))) ?? (await this.store.get(this.account(connection)));
      const secret = stored?.secretAccessKey ?? '';
      return setting.kind === 'basic' ? { kind: 'basic', username: setting.username, password: secret } : { kind: 'bearer', token: secret };
    };
  }
}

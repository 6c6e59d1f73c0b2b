import type * as Keyring from '@napi-rs/keyring';
import { AppError } from '../../core/app-error';

/** The secret half of an access-key profile. */
export interface StoredSecret {
  secretAccessKey: string;
  sessionToken?: string;
}

export interface KeychainStatus {
  available: boolean;
  reason: string | null;
}

/** Where secrets are kept: the OS keychain, or this process's memory when the user says so. */
export interface SecretStore {
  status(): Promise<KeychainStatus>;
  get(profile: string): Promise<StoredSecret | null>;
  set(profile: string, secret: StoredSecret): Promise<void>;
  delete(profile: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Shardscope';

type KeyringModule = typeof Keyring;

/**
 * The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager, and on
 * Linux the Secret Service only, so a secret never lands silently in a store that a reboot empties.
 * Entries are service "Shardscope", account = the profile's name, as a user sees them.
 */
export class KeychainSecretStore implements SecretStore {
  private modulePromise: Promise<KeyringModule> | null = null;

  private entry(keyring: KeyringModule, profile: string) {
    try {
      return new keyring.AsyncEntry(KEYCHAIN_SERVICE, profile, { linux: { store: 'secret-service' } });
    } catch (error) {
      throw unavailable(error);
    }
  }

  private async keyring(): Promise<KeyringModule> {
    this.modulePromise ??= import('@napi-rs/keyring');
    try {
      return await this.modulePromise;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async status(): Promise<KeychainStatus> {
    try {
      const keyring = await this.keyring();
      // A read of an entry nobody writes: it fails exactly when the store is unusable.
      await this.entry(keyring, '.shardscope-availability-probe').getPassword();
      return { available: true, reason: null };
    } catch (error) {
      return { available: false, reason: error instanceof AppError ? error.message : describe(error) };
    }
  }

  async get(profile: string): Promise<StoredSecret | null> {
    const keyring = await this.keyring();
    let stored: string | null;
    try {
      stored = await this.entry(keyring, profile).getPassword();
    } catch (error) {
      throw unavailable(error);
    }
    return stored === null ? null : parseSecret(stored);
  }

  async set(profile: string, secret: StoredSecret): Promise<void> {
    const keyring = await this.keyring();
    try {
      await this.entry(keyring, profile).setPassword(JSON.stringify(secret));
    } catch (error) {
      throw unavailable(error);
    }
  }

  async delete(profile: string): Promise<boolean> {
    const keyring = await this.keyring();
    try {
      return await this.entry(keyring, profile).deletePassword();
    } catch (error) {
      throw unavailable(error);
    }
  }
}

/** Secrets the user chose to keep for this session only: gone when the process ends. */
export class SessionSecretStore implements SecretStore {
  private readonly secrets = new Map<string, StoredSecret>();
  async status(): Promise<KeychainStatus> {
    return { available: true, reason: null };
  }
  async get(profile: string) {
    return this.secrets.get(profile) ?? null;
  }
  async set(profile: string, secret: StoredSecret) {
    this.secrets.set(profile, { ...secret });
  }
  async delete(profile: string) {
    return this.secrets.delete(profile);
  }
  has(profile: string): boolean {
    return this.secrets.has(profile);
  }
}

function parseSecret(stored: string): StoredSecret | null {
  try {
    const value = JSON.parse(stored) as Partial<StoredSecret>;
    if (typeof value.secretAccessKey !== 'string') return null;
    return {
      secretAccessKey: value.secretAccessKey,
      ...(typeof value.sessionToken === 'string' ? { sessionToken: value.sessionToken } : {}),
    };
  } catch {
    // Not ours (edited by hand): treat as missing rather than hand a broken key to the SDK.
    return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^Platform failure: /, '') : String(error);
}

function unavailable(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('keychain-unavailable', `The OS keychain is not available: ${describe(error)}`);
}

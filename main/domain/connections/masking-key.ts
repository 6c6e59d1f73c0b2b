import { randomBytes } from 'node:crypto';
import type { SecretStore } from './secret-store';

/** Profile names cannot hold `|`: no profile's keychain entry can be taken for a masking key. */
const accountOf = (connection: string) => `masking-key|${connection}`;

/**
 * The HMAC key of a connection's hash rules: 32 random bytes made on first use and kept in the OS
 * keychain beside the connection's secrets, never in a file, so hashes are stable across runs and
 * hosts but cannot be recomputed (or reversed by guessing) without the keychain.
 */
export async function maskingKey(keychain: SecretStore, connection: string): Promise<Buffer> {
  const stored = await keychain.get(accountOf(connection));
  if (stored) return Buffer.from(stored.secretAccessKey, 'base64');
  const key = randomBytes(32);
  await keychain.set(accountOf(connection), { secretAccessKey: key.toString('base64') });
  return key;
}

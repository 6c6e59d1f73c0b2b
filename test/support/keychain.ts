import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../main/domain/connections/secret-store';

const exec = promisify(execFile);

export const hasTestKeyring = process.env.SHARDSCOPE_TEST_KEYRING === '1';
const reason = 'no private Secret Service: run the suite with `npm test`, which starts gnome-keyring inside dbus-run-session';

/**
 * Keychain tests need the real Secret Service that `npm test` starts. Outside it they are
 * skipped with that reason, except in CI, where a missing keyring is a failure.
 */
export const describeWithKeyring: typeof describe.skip = ((name: string, fn: () => void) => {
  if (hasTestKeyring) return describe(name, fn);
  if (process.env.CI)
    return describe(name, () => {
      throw new Error(`CI must run keychain tests: ${reason}`);
    });
  console.log(`skipped "${name}": ${reason}`);
  return describe.skip(name, fn);
}) as typeof describe.skip;

/** What `secret-tool` (libsecret, outside Shardscope) finds for a profile, or null. */
export async function secretToolLookup(profile: string): Promise<string | null> {
  try {
    const { stdout } = await exec('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'username', profile]);
    return stdout;
  } catch {
    return null;
  }
}

import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFilePath } from '../../main/domain/connections/profile-file';
import { KeychainSecretStore } from '../../main/domain/connections/secret-store';
import { nobody } from '../../main/core/sessions/session-owner';
import { startTestApp, tempDataDir } from '../support/app';
import { runCli } from '../support/cli';
import { describeWithKeyring, secretToolLookup } from '../support/keychain';

const chainProfile = (name: string) => ({ name, region: 'eu-west-1', endpoint: null, source: { type: 'default-chain' } });
const savedNames = (dataDir: string) =>
  (JSON.parse(readFileSync(profileFilePath(dataDir), 'utf8')) as { profiles: { name: string }[] }).profiles.map((p) => p.name);

describe('profiles.json with two writers', () => {
  it('keeps every connection when the app, a second app and CLI commands save at once', async () => {
    const dataDir = tempDataDir();
    const [first, second] = await Promise.all([
      startTestApp({ dataDir, connection: 'none' }),
      startTestApp({ dataDir, connection: 'none' }),
    ]);
    try {
      const saves = Array.from({ length: 12 }, (_, i) => [
        first.dispatch('connections:save', { profile: chainProfile(`app-a-${i}`) }, nobody),
        second.dispatch('connections:save', { profile: chainProfile(`app-b-${i}`) }, nobody),
      ]).flat();
      const clis = Array.from({ length: 3 }, (_, i) =>
        runCli(['profiles', 'add', `cli-${i}`, '--region', 'eu-west-1', '--default-chain'], { env: { SHARDSCOPE_HOME: dataDir } }),
      );
      const results = await Promise.all(saves);
      expect(results.every((r) => r.ok)).toBe(true);
      expect((await Promise.all(clis)).map((r) => r.code)).toEqual([0, 0, 0]);
      const expected = [...Array.from({ length: 12 }, (_, i) => [`app-a-${i}`, `app-b-${i}`]).flat(), 'cli-0', 'cli-1', 'cli-2'].sort(
        (a, b) => a.localeCompare(b),
      );
      expect(savedNames(dataDir)).toEqual(expected);
      // Each app sees what the other wrote.
      const listed = await first.dispatch('connections:list', {}, nobody);
      expect((listed as { value: { profiles: { name: string }[] } }).value.profiles.map((p) => p.name)).toEqual(expected);
      // A removal by one is not undone by the other's next change.
      expect(await second.dispatch('connections:remove', { name: 'app-a-0' }, nobody)).toMatchObject({ ok: true });
      expect(await first.dispatch('connections:save', { profile: chainProfile('late') }, nobody)).toMatchObject({ ok: true });
      expect(savedNames(dataDir)).not.toContain('app-a-0');
      expect(savedNames(dataDir)).toContain('late');
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('clears temporary files a writer that died left behind, and only stale ones', async () => {
    const dataDir = tempDataDir();
    const app = await startTestApp({ dataDir, connection: 'none' });
    try {
      await app.dispatch('connections:save', { profile: chainProfile('one') }, nobody);
      const stale = path.join(dataDir, 'profiles.json.deadbeef0000.tmp');
      const fresh = path.join(dataDir, 'profiles.json.feedface0000.tmp');
      writeFileSync(stale, '{"half": ');
      writeFileSync(fresh, '{"half": ');
      const old = new Date(Date.now() - 10 * 60_000);
      utimesSync(stale, old, old);
      await app.dispatch('connections:save', { profile: chainProfile('two') }, nobody);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(fresh)).toBe(true);
      expect(savedNames(dataDir)).toEqual(['one', 'two']);
    } finally {
      await app.stop();
    }
  });
});

describeWithKeyring('a crash between the keychain and profiles.json (real Secret Service)', () => {
  it('leaves no keychain entry that no connection names, and keeps the one that is named', async () => {
    const dataDir = tempDataDir();
    const keychain = new KeychainSecretStore();
    // As a rename leaves things when the process dies after storing the new secret, before the file switched:
    // the file still names the old connection, and lists both entries as in flight.
    await keychain.set('crash-old', { secretAccessKey: 'old-secret-0123456789' });
    await keychain.set('crash-new', { secretAccessKey: 'old-secret-0123456789' });
    writeFileSync(
      profileFilePath(dataDir),
      JSON.stringify({
        version: 1,
        active: null,
        profiles: [
          { name: 'crash-old', region: 'us-east-1', endpoint: null, source: { type: 'access-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } },
        ],
        pendingSecrets: ['crash-new', 'crash-old'],
      }),
    );
    const app = await startTestApp({ dataDir, connection: 'none' });
    try {
      expect(await secretToolLookup('crash-new')).toBeNull();
      expect(await secretToolLookup('crash-old')).toContain('old-secret-0123456789');
      expect(JSON.parse(readFileSync(profileFilePath(dataDir), 'utf8')).pendingSecrets).toEqual([]);
      // A rename now moves the secret and leaves nothing behind.
      const renamed = await app.dispatch(
        'connections:save',
        {
          originalName: 'crash-old',
          profile: {
            name: 'crash-renamed',
            region: 'us-east-1',
            endpoint: null,
            source: { type: 'access-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
          },
        },
        nobody,
      );
      expect(renamed).toMatchObject({ ok: true, value: { name: 'crash-renamed', secret: 'keychain' } });
      expect(await secretToolLookup('crash-old')).toBeNull();
      expect(await secretToolLookup('crash-renamed')).toContain('old-secret-0123456789');
      expect(JSON.parse(readFileSync(profileFilePath(dataDir), 'utf8')).pendingSecrets).toEqual([]);
      await app.dispatch('connections:remove', { name: 'crash-renamed' }, nobody);
      expect(await secretToolLookup('crash-renamed')).toBeNull();
    } finally {
      await app.stop();
    }
  });
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfileFile, profileFilePath, saveProfileFile } from '../../main/domain/connections/profile-file';
import { dataDirectory } from '../../main/core/data-dir';
import { tempDataDir } from '../support/app';

const valid = {
  version: 1,
  active: 'dev',
  profiles: [{ name: 'dev', region: 'eu-west-1', endpoint: null, source: { type: 'default-chain' } }],
} as const;

describe('profiles.json', () => {
  it('starts empty when there is no file', async () => {
    expect(await loadProfileFile(tempDataDir())).toEqual({
      file: { version: 1, active: null, profiles: [], pendingSecrets: [] },
      problems: [],
    });
  });

  it('round-trips through an atomic write, leaving no temporary file behind', async () => {
    const dir = tempDataDir();
    await saveProfileFile(dir, structuredClone(valid) as never);
    expect((await loadProfileFile(dir)).file).toEqual({ ...valid, pendingSecrets: [] });
    expect(readdirSync(dir)).toEqual(['profiles.json']);
  });

  it.each([
    ['broken JSON', '{"version": 1, "profiles": [', /not valid JSON/],
    ['the wrong shape', JSON.stringify({ version: 1, active: null, profiles: [{ name: 'x' }] }), /profiles\.0\.region/],
    ['a future version', JSON.stringify({ ...valid, version: 2 }), /version/],
  ])('moves a file with %s aside, says where, and starts with none', async (_label, content, reason) => {
    const dir = tempDataDir();
    writeFileSync(profileFilePath(dir), content);
    const loaded = await loadProfileFile(dir, new Date('2026-11-28T10:00:00.000Z'));
    expect(loaded.file.profiles).toEqual([]);
    const aside = path.join(dir, 'profiles.json.corrupt-2026-11-28T10-00-00-000Z');
    expect(loaded.problems).toEqual([expect.stringContaining(aside)]);
    expect(loaded.problems[0]).toMatch(reason);
    expect(readFileSync(aside, 'utf8')).toBe(content);
    expect(existsSync(profileFilePath(dir))).toBe(false);
  });
});

describe('the data folder', () => {
  it('follows SHARDSCOPE_HOME, else the platform folder Electron uses', () => {
    expect(dataDirectory({ SHARDSCOPE_HOME: '/tmp/x' }, 'linux')).toBe('/tmp/x');
    expect(dataDirectory({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Shardscope');
    expect(dataDirectory({}, 'darwin')).toMatch(/Library\/Application Support\/Shardscope$/);
    expect(dataDirectory({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toMatch(/Shardscope$/);
  });
});

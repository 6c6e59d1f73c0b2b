import { readFileSync } from 'node:fs';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be rejected if it named an option electron-builder does not know', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(
      validateConfiguration({ ...config, linux: { ...config.linux, targett: 'deb' } } as never, new DebugLogger(false)),
    ).rejects.toThrow(/does not match the API schema[\s\S]*configuration\.linux/);
  });

  it('describes the installers for every desktop platform', () => {
    const raw = parse(readFileSync('electron-builder.yml', 'utf8'));
    expect(raw.linux.target).toEqual(['AppImage', 'deb']);
    expect(raw.mac.target).toEqual(['dmg']);
    expect(raw.win.target).toEqual(['nsis']);
    expect(raw.files).toContain('dist/**/*');
  });
});

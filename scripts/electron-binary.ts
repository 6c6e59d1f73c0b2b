import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve('node_modules', 'electron');

/**
 * The Electron executable if it is installed, found the way the electron package finds it but
 * without its fallback of downloading one: callers decide whether a download is worth trying.
 */
export function findElectronBinary(): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const candidate = path.join(override, relative ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = path.join(electronDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

export const electronInstallScript = path.join(electronDir, 'install.js');

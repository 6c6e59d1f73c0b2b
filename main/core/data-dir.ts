import os from 'node:os';
import path from 'node:path';

const APP_FOLDER = 'Shardscope';

/**
 * Where Shardscope keeps its files: the folder Electron calls userData, computed the same way
 * so the app, the CLI and the browser host share one. SHARDSCOPE_HOME overrides it.
 */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SHARDSCOPE_HOME) return path.resolve(env.SHARDSCOPE_HOME);
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_FOLDER);
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
    default:
      return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_FOLDER);
  }
}

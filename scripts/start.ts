// `npm start`: build, then launch the Electron app. Where the Electron binary is missing and
// cannot be downloaded, say so and point at the browser host instead of failing obscurely.
import { spawnSync } from 'node:child_process';
import { electronInstallScript, findElectronBinary } from './electron-binary';

function ensureElectron(): string | null {
  const found = findElectronBinary();
  if (found) return found;
  console.log('Shardscope: the Electron binary is not installed yet; trying to download it…');
  const install = spawnSync(process.execPath, [electronInstallScript], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  return install.status === 0 ? findElectronBinary() : null;
}

const electron = ensureElectron();
if (!electron) {
  console.error(
    [
      '',
      'Shardscope cannot start its desktop window: the Electron binary is not installed and could not be',
      "downloaded (this machine may have no network access to Electron's releases).",
      '',
      'Use the same app in your browser instead:',
      '',
      '    npm run serve',
      '',
      'or install Electron where a network is available: node node_modules/electron/install.js',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawnSync(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(app.status ?? 0);

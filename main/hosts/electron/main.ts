import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, session, shell } from 'electron';
import { startShardscopeApp, type ShardscopeApp } from '../../app/shardscope-app';
import { dataDirectory } from '../../core/data-dir';
import { nodeVersionProblem } from '../../core/node-version';
import { APP_ORIGIN } from '../../security/navigation';
import { describeForLog } from '../../security/redact';
import { menuTemplate } from './app-menu';
import { registerAppScheme, serveAppContent } from './app-protocol';
import { registerIpcTransport } from './ipc-transport';
import { openFolderWith } from './open-folder';
import { quitQuestion } from './quit-guard';
import { applySecurityRules } from './security';
import { registerViewLinks } from './view-links';
import { secureWebPreferences } from './web-preferences';

// The bundle lives in dist/electron; the renderer build beside it in dist/renderer.
const distDir = path.resolve(__dirname, '..');

// An Electron whose Node is older than package.json asks for (a custom build) is named, not left to fail later.
const tooOld = nodeVersionProblem();
if (tooOld) {
  console.error(tooOld);
  app.exit(1);
}

// One data folder for the app, the CLI and the browser host (SHARDSCOPE_HOME overrides it).
app.setPath('userData', dataDirectory());
if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();
applySecurityRules(app, () => session.defaultSession, shell);

let shardscope: ShardscopeApp | null = null;
let stopIpc: (() => void) | null = null;
// A view link that started the app opens once the window has loaded; later ones open in it.
const viewLinks = registerViewLinks(app, process.argv, (address) => {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) return;
  window.focus();
  void window.loadURL(address);
});

async function openMainWindow(): Promise<void> {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, app.isPackaged)));
  serveAppContent(path.join(distDir, 'renderer'));
  shardscope = await startShardscopeApp({
    host: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    logError: (message, error) => console.error(message, error),
    folders: {
      async chooseFolder() {
        const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        const options = { title: 'Folder for the run’s files', properties: ['openDirectory' as const, 'createDirectory' as const] };
        const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
      openFolder: openFolderWith(shell),
    },
  });
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Shardscope',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    webPreferences: secureWebPreferences(path.join(distDir, 'electron', 'preload.cjs')),
  });
  stopIpc = registerIpcTransport(shardscope, window, ipcMain);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(viewLinks.initial ?? `${APP_ORIGIN}/index.html`);
}

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !shardscope) return;
  const question = quitQuestion(shardscope.sessions);
  if (
    question &&
    dialog.showMessageBoxSync({ type: 'question', buttons: ['Quit', 'Cancel'], defaultId: 1, cancelId: 1, ...question }) === 1
  ) {
    event.preventDefault();
    return;
  }
  // Stop consumers and the sandbox before the process goes, so nothing is cut mid-write.
  event.preventDefault();
  quitting = true;
  stopIpc?.();
  void shardscope.stop().finally(() => app.quit());
});

app
  .whenReady()
  .then(openMainWindow)
  .catch((error: unknown) => {
    console.error('Shardscope could not start', describeForLog(error));
    app.exit(1);
  });

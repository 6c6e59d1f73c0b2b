import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from '../security/navigation';

/**
 * Every rule about what app content may do, in one place: no new windows, no navigation away,
 * no webviews, no permissions; https links go to the OS browser.
 */
export function applySecurityRules(): void {
  app.on('web-contents-created', (_event, contents) => restrictContents(contents));
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.setDevicePermissionHandler(() => false);
  });
}

function restrictContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

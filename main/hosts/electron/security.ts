import type { App, Session, Shell, WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from '../../security/navigation';

type ContentsLike = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;
type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * Every rule about what app content may do, in one place: no new windows, no navigation away,
 * no webviews, no permissions; https links go to the OS browser. Electron's objects are passed in
 * so the rules are tested with fakes where no Electron binary runs.
 */
export function applySecurityRules(
  app: Pick<App, 'on' | 'whenReady'>,
  defaultSession: () => SessionLike,
  shell: Pick<Shell, 'openExternal'>,
): void {
  app.on('web-contents-created', (_event, contents) => restrictContents(contents, shell));
  void app.whenReady().then(() => denyPermissions(defaultSession()));
}

export function denyPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function restrictContents(contents: ContentsLike, shell: Pick<Shell, 'openExternal'>): void {
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

import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_SCHEME } from '../../security/navigation';
import { createAppProtocolHandler } from './app-content';

/** Must run before the app is ready: `app://` behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from one folder, with the security headers, and nothing outside it. */
export function serveAppContent(rendererDir: string): void {
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(rendererDir, (file) => net.fetch(pathToFileURL(file).toString())),
  );
}

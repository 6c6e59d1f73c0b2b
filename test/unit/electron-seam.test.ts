import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { menuTemplate } from '../../main/hosts/electron/app-menu';
import { createAppProtocolHandler } from '../../main/hosts/electron/app-content';
import { applySecurityRules, denyPermissions, restrictContents } from '../../main/hosts/electron/security';
import { APP_ORIGIN } from '../../main/security/navigation';

/** A renderer folder with a page, and a secret beside it that must never be served. */
function appFolders() {
  const base = mkdtempSync(path.join(tmpdir(), 'shardscope-protocol-'));
  const renderer = path.join(base, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Shardscope</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'TOP-SECRET');
  mkdirSync(path.join(base, 'renderer-evil'));
  writeFileSync(path.join(base, 'renderer-evil', 'x.txt'), 'TOP-SECRET');
  return renderer;
}

/** What net.fetch does for a file:// address in the app. */
const loadFileFromDisk = async (file: string) => new Response(await readFile(file));

describe('the app:// protocol handler (fed the requests Electron would pass)', () => {
  const handler = createAppProtocolHandler(appFolders(), loadFileFromDisk);
  const get = async (url: string) => {
    const response = await handler(new Request(url));
    return { status: response.status, body: await response.text(), csp: response.headers.get('content-security-policy') };
  };

  it('serves the app with its security headers', async () => {
    for (const url of [`${APP_ORIGIN}/`, `${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/assets/app.js`]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(200);
      expect(answer.csp, url).toContain("script-src 'self'");
    }
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%2frenderer-evil%2fx.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/%',
    '/missing.js',
  ])('answers %s with 400 or 404 and never a file outside the app', async (pathname) => {
    const answer = await get(`${APP_ORIGIN}${pathname}`);
    expect([400, 404]).toContain(answer.status);
    expect(answer.body).not.toContain('TOP-SECRET');
    expect(answer.csp).toContain("default-src 'self'");
  });

  it('serves nothing for another host on the scheme', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

const navigation = (contents: FakeContents, event: string, url: string) => {
  const preventDefault = vi.fn();
  contents.emit(event, { preventDefault }, url);
  return preventDefault.mock.calls.length > 0 ? 'prevented' : 'allowed';
};

describe('the window rules (with fakes of Electron objects)', () => {
  it('denies every new window and hands only safe https links to the OS browser', () => {
    const contents = new FakeContents();
    const shell = { openExternal: vi.fn(async () => {}) };
    restrictContents(contents as never, shell);
    for (const url of [
      'https://docs.aws.amazon.com/kinesis/',
      'http://example.com/',
      'file:///etc/passwd',
      'https://u:p@example.com/',
      `${APP_ORIGIN}/index.html`,
      'javascript:alert(1)',
    ]) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal.mock.calls).toEqual([['https://docs.aws.amazon.com/kinesis/']]);
  });

  it('keeps navigation and redirects on app content, and refuses webviews', () => {
    const contents = new FakeContents();
    restrictContents(contents as never, { openExternal: vi.fn() });
    expect(navigation(contents, 'will-navigate', `${APP_ORIGIN}/index.html`)).toBe('allowed');
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://shardscope.evil.example/', 'http://127.0.0.1:9229/']) {
      expect(navigation(contents, 'will-navigate', url), url).toBe('prevented');
      expect(navigation(contents, 'will-redirect', url), url).toBe('prevented');
    }
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('refuses every permission request, check and device', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    denyPermissions({
      setPermissionRequestHandler: (h: never) => void (handlers.request = h),
      setPermissionCheckHandler: (h: never) => void (handlers.check = h),
      setDevicePermissionHandler: (h: never) => void (handlers.device = h),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      handlers.request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check!({}, permission)).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'usb' })).toBe(false);
  });

  it('applies the rules to every web contents the app creates, and to the default session once ready', async () => {
    const app = new EventEmitter() as EventEmitter & { whenReady(): Promise<void> };
    app.whenReady = () => Promise.resolve();
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    applySecurityRules(app as never, () => session as never, { openExternal: vi.fn() });
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1));
  });
});

describe('the packaged app', () => {
  const roles = (template: ReturnType<typeof menuTemplate>): string[] =>
    template.flatMap((item) => [String(item.role ?? item.label), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

  it('has a menu without reload or developer tools; a development build keeps them', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(roles(menuTemplate(platform, true))).not.toEqual(expect.arrayContaining(['reload']));
      expect(roles(menuTemplate(platform, true)).filter((r) => /reload|devtools/i.test(r))).toEqual([]);
    }
    expect(roles(menuTemplate('linux', false))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('turns off every Electron fuse that would let code in by another door', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

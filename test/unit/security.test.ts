import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../main/hosts/electron/web-preferences';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../main/security/csp';
import { APP_ORIGIN, isAppUrl, isSafeExternalUrl } from '../../main/security/navigation';

describe('the Electron window settings', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');

  it('isolate and sandbox the renderer with no Node', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows scripts and styles from our own origin only', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|\*/);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is repeated in the page itself, no looser than the header', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toContain("script-src 'self'");
    expect(meta).toContain("style-src 'self'");
    expect(meta).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('navigation rules', () => {
  it.each([
    [`${APP_ORIGIN}/index.html`, true],
    [`${APP_ORIGIN}/`, true],
    ['app://shardscope.evil.example/index.html', false],
    ['app://evil/index.html', false],
    ['https://shardscope/index.html', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('treats %s as app content: %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it.each([
    ['https://docs.aws.amazon.com/kinesis/', true],
    ['http://docs.aws.amazon.com/', false],
    ['https://user:pass@example.com/', false],
    ['file:///etc/passwd', false],
    ['smb://server/share', false],
    ['javascript:alert(1)', false],
  ])('opens %s in the OS browser: %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

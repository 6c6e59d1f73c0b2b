/** The origin the Electron window loads its content from (served by our protocol handler). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://shardscope`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for our own content: same scheme and host, compared on parsed URLs, never by prefix. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'shardscope';
}

/** Links we hand to the OS browser: https only, no credentials in the URL. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
}

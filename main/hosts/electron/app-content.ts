import path from 'node:path';
import { SECURITY_HEADERS } from '../../security/csp';
import { isAppUrl } from '../../security/navigation';

export type AppPath = { file: string } | { status: 400 | 404; reason: string };

/**
 * The file under the renderer folder an `app://shardscope/…` address names, or why there is none.
 * The WHATWG parser has already removed `..` and `%2e%2e` segments; what is left to refuse is what
 * decoding brings back: encoded slashes that climb, backslashes (a separator on Windows), NUL, and
 * percent-encoding that does not decode.
 */
export function resolveAppPath(rendererDir: string, requestUrl: string): AppPath {
  if (!isAppUrl(requestUrl)) return { status: 404, reason: 'not app content' };
  const root = path.resolve(rendererDir);
  const { pathname } = new URL(requestUrl);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return { status: 400, reason: 'malformed percent-encoding' };
  }
  if (relative.includes('\\') || relative.includes('\0')) return { status: 400, reason: 'a backslash or NUL in the path' };
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return { status: 404, reason: 'outside the app folder' };
  return { file };
}

/** What the protocol answers for one request; `load` reads a file (net.fetch in the app, fs in tests). */
export function createAppProtocolHandler(rendererDir: string, load: (file: string) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const target = resolveAppPath(rendererDir, request.url);
    const headers = new Headers(SECURITY_HEADERS);
    if (!('file' in target)) return new Response(target.status === 400 ? 'Bad request' : 'Not found', { status: target.status, headers });
    let response: Response;
    try {
      response = await load(target.file);
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
    for (const [name, value] of response.headers) if (!headers.has(name)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  };
}

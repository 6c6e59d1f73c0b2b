import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOKEN_CHECK_HEADER, TOKEN_CHECK_PATH, WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../../shared/ws-protocol';
import type { ShardscopeApp } from '../../app/shardscope-app';
import { SECURITY_HEADERS } from '../../security/csp';
import { CLOSED_GUARD, loopbackGuard, loopbackRefusal, type LoopbackGuard } from '../../security/loopback-guard';
import { DEFAULT_HOST_LIMITS, type HostLimits } from './host-limits';
import { attachSocket } from './socket-session';

export interface BrowserHostOptions {
  app: ShardscopeApp;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Supplied by tests; a fresh random token otherwise. */
  token?: string;
  /** Tests tighten these; the defaults suit a person with a few tabs. */
  limits?: Partial<HostLimits>;
}

export interface BrowserHost {
  /** The address to open, token included. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * `shardscope serve`: the renderer and a WebSocket on loopback only. The token guards the
 * socket; Host and Origin checks stop a web page from reaching it by DNS rebinding.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const serveStatic = sirv(options.staticDir, {
    etag: true,
    dev: false,
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    },
  });
  let guard: LoopbackGuard = CLOSED_GUARD;

  const server: Server = createServer((req, res) => {
    // Errors carry the same headers as pages: a 404 framed by another site is still refused.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const refusal = loopbackRefusal(req, guard);
    if (refusal) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end(`Forbidden: ${refusal}.\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method not allowed\n');
      return;
    }
    if (req.url === TOKEN_CHECK_PATH) {
      // Says only whether the token presented is right: the answer never holds the token itself.
      const presented = req.headers[TOKEN_CHECK_HEADER];
      const right = typeof presented === 'string' && sameSecret(presented, token);
      res.writeHead(right ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    try {
      serveStatic(req, res, () => {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      });
    } catch {
      // sirv decodes the path; malformed percent-encoding must be a 400, not a dead server.
      if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request\n');
    }
  });
  // A slow-loris client holds a socket only this long before it sends a whole request.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, handleProtocols: () => WS_PROTOCOL });
  // A socket that errs (a reset, a frame over the size limit) closes alone; the server goes on.
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = refuseUpgrade(req, guard, token) ?? (sockets.clients.size >= limits.maxSockets ? '503 Service Unavailable' : null);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      heartbeat.watch(ws);
      attachSocket(ws, options.app, limits);
    });
  });
  const heartbeat = startHeartbeat(sockets, limits.heartbeatMs);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard = loopbackGuard(HOST, port, { pageOrigins: true });
  const origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        heartbeat.stop();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function refuseUpgrade(req: IncomingMessage, guard: LoopbackGuard, token: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(req.url ?? '/', 'http://x').pathname;
  } catch {
    // A request target no URL parser accepts is a bad request, not a reason to fall over.
    return '400 Bad Request';
  }
  if (pathname !== WS_PATH) return '404 Not Found';
  if (loopbackRefusal(req, guard, { originRequired: true })) return '403 Forbidden';
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(WS_PROTOCOL)) return '400 Bad Request';
  const presented = offered.find((p) => p.startsWith(WS_TOKEN_PREFIX))?.slice(WS_TOKEN_PREFIX.length) ?? '';
  return sameSecret(presented, token) ? null : '401 Unauthorized';
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Pings every socket; one that has not answered the previous ping (a sleeping laptop's tab, a
 * half-open TCP connection) is closed so its sessions end instead of reading for nobody.
 */
function startHeartbeat(sockets: WebSocketServer, everyMs: number) {
  const answered = new WeakMap<WebSocket, boolean>();
  const timer = setInterval(() => {
    for (const ws of sockets.clients) {
      if (answered.get(ws) === false) {
        ws.terminate();
        continue;
      }
      answered.set(ws, false);
      ws.ping();
    }
  }, everyMs);
  timer.unref();
  return {
    watch(ws: WebSocket) {
      answered.set(ws, true);
      ws.on('pong', () => answered.set(ws, true));
    },
    stop: () => clearInterval(timer),
  };
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../shared/ws-protocol';

/** A throwaway static folder, for host tests that do not need the real renderer build. */
export function tinyStaticDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shardscope-static-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  return dir;
}

export interface SocketAttempt {
  origin?: string;
  token?: string | null;
  host?: string;
}

/** Opens a WebSocket to the host the way a browser tab would, with overridable headers. */
export function openSocket(baseOrigin: string, attempt: SocketAttempt = {}): WebSocket {
  const protocols = [WS_PROTOCOL, ...(attempt.token ? [WS_TOKEN_PREFIX + attempt.token] : [])];
  return new WebSocket(baseOrigin.replace('http', 'ws') + WS_PATH, protocols, {
    origin: attempt.origin ?? baseOrigin,
    headers: attempt.host ? { host: attempt.host } : {},
  });
}

/** Resolves with 'open' or the HTTP status the upgrade was refused with. */
export function outcome(socket: WebSocket): Promise<'open' | number> {
  return new Promise((resolve) => {
    socket.once('open', () => resolve('open'));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

import { isIP } from 'node:net';

/**
 * The one rule for Shardscope's servers on this machine (the browser host, the sandbox's kinesalite
 * and dynalite): they listen on loopback only, and a request must name that address and port in
 * its Host header. A page on another site reaches loopback too, directly or by rebinding its own
 * name to 127.0.0.1; the browser then sends that site's Origin or its own name as Host, and both
 * are refused here.
 */
export interface LoopbackGuard {
  /** Host headers that name this server: its address and `localhost`, each with its port. */
  hosts: ReadonlySet<string>;
  /** Origins whose pages may call it: the browser host's own page; none for the sandbox. */
  origins: ReadonlySet<string>;
}

/** A guard that refuses everything: in force until the server knows the port it was given. */
export const CLOSED_GUARD: LoopbackGuard = { hosts: new Set(), origins: new Set() };

/** 127.0.0.0/8, ::1 and the name `localhost`: the only addresses a local server may listen on. */
export function isLoopbackAddress(address: string): boolean {
  if (address === 'localhost') return true;
  if (isIP(address) === 4) return address.startsWith('127.');
  if (isIP(address) === 6) return address === '::1' || address === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * The guard for a server bound to `address:port`. `pageOrigins` adds the server's own http
 * origins, for a server whose pages call it (the browser host); the sandbox is called by SDKs and
 * the AWS CLI, which send no Origin at all.
 */
export function loopbackGuard(address: string, port: number, options: { pageOrigins: boolean }): LoopbackGuard {
  const literal = address.includes(':') ? `[${address}]` : address;
  const hosts = new Set([`${literal}:${port}`, `localhost:${port}`]);
  const origins = options.pageOrigins ? new Set([...hosts].map((host) => `http://${host}`)) : new Set<string>();
  return { hosts, origins };
}

export interface GuardedRequest {
  method?: string;
  headers: { host?: string; origin?: string | string[] };
}

/**
 * Why a request is refused (a 403's text), or null. An Origin header is only sent by a browser,
 * so it must be one of the guard's origins; `originRequired` is for the WebSocket upgrade, which a
 * page always sends with its Origin. A server that allows no origin refuses CORS preflights
 * outright, whatever they carry.
 */
export function loopbackRefusal(request: GuardedRequest, guard: LoopbackGuard, options: { originRequired?: boolean } = {}): string | null {
  if (!guard.hosts.has((request.headers.host ?? '').toLowerCase())) return 'unexpected Host header';
  if (request.method === 'OPTIONS' && guard.origins.size === 0) return 'cross-origin requests are not accepted';
  const origin = request.headers.origin;
  if (origin === undefined) return options.originRequired ? 'missing Origin header' : null;
  if (typeof origin !== 'string' || !guard.origins.has(origin.toLowerCase())) return 'requests from web pages are not accepted';
  return null;
}

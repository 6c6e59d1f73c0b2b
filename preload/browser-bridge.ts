import type { HostLink, ShardscopeApi, Transport } from '../shared/api';
import type { EventTopic } from '../shared/contract';
import type { Envelope } from '../shared/contract/errors';
import {
  MAX_CLIENT_FRAME_BYTES,
  serverMessageSchema,
  TOKEN_CHECK_HEADER,
  TOKEN_CHECK_PATH,
  WS_PATH,
  WS_PROTOCOL,
  WS_TOKEN_PREFIX,
  type ClientMessage,
} from '../shared/ws-protocol';
import { createApi } from './create-api';

export class BridgeConnectionError extends Error {}

/** Waits between attempts to reopen a lost socket: quick at first, then every 10 s while the host is away. */
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];

/** The browser host's bridge: the same API object as under Electron, over a token-guarded WebSocket. */
export async function connectBrowserApi(options: { url: string; token: string }): Promise<ShardscopeApi> {
  const open = () => new WebSocket(options.url, [WS_PROTOCOL, WS_TOKEN_PREFIX + options.token]);
  const socket = open();
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => void whySocketFailed(options).then((message) => reject(new BridgeConnectionError(message))), {
      once: true,
    });
  });
  return createApi(createSocketTransport(socket, open));
}

export const WRONG_TOKEN_MESSAGE =
  'The token in this address is not the one this Shardscope host uses (it makes a new one each time it starts): open the address shardscope serve printed last, token and all.';
export const HOST_GONE_MESSAGE =
  'Could not reach the Shardscope host: is shardscope serve still running? If it restarted, open the new address it printed.';

/** A refused socket tells the page nothing, so the host is asked whether it was the token. */
async function whySocketFailed(options: { url: string; token: string }): Promise<string> {
  const check = new URL(TOKEN_CHECK_PATH, options.url.replace(/^ws/, 'http'));
  try {
    const answer = await fetch(check, { headers: { [TOKEN_CHECK_HEADER]: options.token }, cache: 'no-store' });
    return answer.status === 401 ? WRONG_TOKEN_MESSAGE : HOST_GONE_MESSAGE;
  } catch {
    return HOST_GONE_MESSAGE;
  }
}

/**
 * Calls and events over one socket at a time. With `reopen`, a socket that closes is replaced
 * (with back-off) and the topics this page listens to are asked for again; the page is told when
 * the link is lost and when it is back, since the host ended every session the old socket owned.
 */
export function createSocketTransport(first: WebSocket, reopen?: () => WebSocket): Transport {
  let socket = first;
  let linkUp = true;
  let attempts = 0;
  let nextId = 1;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const topics = new Set<EventTopic>();
  const linkListeners = new Set<(link: HostLink) => void>();
  let eventHandler: (topic: string, payload: unknown) => void = () => {};

  const send = (message: ClientMessage) => socket.send(JSON.stringify(message));
  const tell = (link: HostLink) => linkListeners.forEach((listener) => listener(link));

  const adopt = (next: WebSocket) => {
    socket = next;
    next.addEventListener('open', () => {
      if (linkUp) return;
      linkUp = true;
      attempts = 0;
      for (const topic of topics) send({ type: 'subscribe', topic });
      tell('restored');
    });
    next.addEventListener('message', (event) => {
      const parsed = serverMessageSchema.safeParse(parseJson(String(event.data)));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result as Envelope<unknown>);
        pending.delete(message.id);
      } else {
        eventHandler(message.topic, message.payload);
      }
    });
    next.addEventListener('close', () => {
      if (socket !== next) return;
      for (const resolve of pending.values()) {
        resolve({ ok: false, error: { code: 'unavailable', message: 'The connection to the Shardscope host closed.' } });
      }
      pending.clear();
      if (linkUp) {
        linkUp = false;
        tell('lost');
      }
      if (!reopen) return;
      const delay = RECONNECT_DELAYS_MS[Math.min(attempts, RECONNECT_DELAYS_MS.length - 1)]!;
      attempts += 1;
      setTimeout(() => adopt(reopen()), delay);
    });
  };
  adopt(first);

  return {
    invoke(channel, input) {
      if (socket.readyState !== socket.OPEN) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unavailable', message: 'The connection to the Shardscope host is closed.' },
        });
      }
      const id = nextId++;
      const frame = JSON.stringify({ type: 'call', id, channel, input } satisfies ClientMessage);
      // The host closes a socket that sends more, which would end every session this page owns.
      if (new TextEncoder().encode(frame).byteLength > MAX_CLIENT_FRAME_BYTES) {
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid-input', message: 'This call is larger than Shardscope takes; nothing was sent.' },
        });
      }
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(frame);
      });
    },
    setSubscribed(topic, subscribed) {
      if (subscribed) topics.add(topic);
      else topics.delete(topic);
      if (socket.readyState === socket.OPEN) send({ type: subscribed ? 'subscribe' : 'unsubscribe', topic });
    },
    onEvent(handler) {
      eventHandler = handler;
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const TOKEN_KEY = 'shardscope.token';

type PageWindow = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

/**
 * Where the host put this page: the token travels in the fragment, which browsers never send.
 * Once read it leaves the address bar and the history entry (a shared screen or a copied URL
 * should not carry the key to main); this tab's session storage keeps it so a reload still works.
 */
export function takeBrowserHostLocation(page: PageWindow): { url: string; token: string } | null {
  const fragment = new URLSearchParams(page.location.hash.slice(1));
  const fromAddress = fragment.get('token');
  if (fromAddress) {
    page.sessionStorage.setItem(TOKEN_KEY, fromAddress);
    // The rest of the fragment (a saved view's #view=…) is the page's to read.
    fragment.delete('token');
    const rest = fragment.toString();
    page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search + (rest ? `#${rest}` : ''));
  }
  const token = fromAddress ?? page.sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const scheme = page.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: `${scheme}//${page.location.host}${WS_PATH}`, token };
}

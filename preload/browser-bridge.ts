import type { ShardscopeApi, Transport } from '../shared/api';
import type { Envelope } from '../shared/contract/errors';
import { serverMessageSchema, WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX, type ClientMessage } from '../shared/ws-protocol';
import { createApi } from './create-api';

export class BridgeConnectionError extends Error {}

/** The browser host's bridge: the same API object as under Electron, over a token-guarded WebSocket. */
export async function connectBrowserApi(options: { url: string; token: string }): Promise<ShardscopeApi> {
  const socket = new WebSocket(options.url, [WS_PROTOCOL, WS_TOKEN_PREFIX + options.token]);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(
          new BridgeConnectionError(
            'Could not reach the Shardscope host: is `shardscope serve` still running? If it restarted, open the new address it printed.',
          ),
        ),
      { once: true },
    );
  });
  return createApi(createSocketTransport(socket));
}

export function createSocketTransport(socket: WebSocket): Transport {
  let nextId = 1;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  let eventHandler: (topic: string, payload: unknown) => void = () => {};

  const send = (message: ClientMessage) => socket.send(JSON.stringify(message));

  socket.addEventListener('message', (event) => {
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
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'unavailable', message: 'The connection to the Shardscope host closed.' } });
    }
    pending.clear();
  });

  return {
    invoke(channel, input) {
      if (socket.readyState !== socket.OPEN) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unavailable', message: 'The connection to the Shardscope host is closed.' },
        });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ type: 'call', id, channel, input });
      });
    },
    setSubscribed(topic, subscribed) {
      if (socket.readyState === socket.OPEN) send({ type: subscribed ? 'subscribe' : 'unsubscribe', topic });
    },
    onEvent(handler) {
      eventHandler = handler;
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
  const fromAddress = new URLSearchParams(page.location.hash.slice(1)).get('token');
  if (fromAddress) {
    page.sessionStorage.setItem(TOKEN_KEY, fromAddress);
    page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search);
  }
  const token = fromAddress ?? page.sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const scheme = page.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: `${scheme}//${page.location.host}${WS_PATH}`, token };
}

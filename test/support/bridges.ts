import { expect } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import { startBrowserHost, type BrowserHost } from '../../main/hosts/browser/browser-host';
import { createSocketTransport } from '../../preload/browser-bridge';
import { createApi } from '../../preload/create-api';
import { createElectronTransport, type IpcRendererLike } from '../../preload/electron-transport';
import type { ShardscopeApi } from '../../shared/api';
import { openSocket, outcome, tinyStaticDir } from './host';
import { IPC_CALL, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../../shared/ipc-channels';

/** ipcRenderer's part of the Electron transport, wired to the real dispatcher and event hub. */
export function ipcPair(app: ShardscopeApp): IpcRendererLike {
  const topics = new Set<string>();
  let deliver: (topic: string, payload: unknown) => void = () => {};
  app.events.attach((topic, payload) => topics.has(topic) && deliver(topic, payload));
  return {
    invoke: async (channel: string, ...args: unknown[]) => {
      expect(channel).toBe(IPC_CALL);
      return app.dispatch(args[0], args[1], nobody);
    },
    send: (channel: string, topic: string) => {
      if (channel === IPC_SUBSCRIBE) topics.add(topic);
      if (channel === IPC_UNSUBSCRIBE) topics.delete(topic);
    },
    on: ((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      expect(channel).toBe(IPC_EVENT);
      deliver = (topic, payload) => listener({}, topic, payload);
    }) as IpcRendererLike['on'],
  };
}

/** Both bridges over the real app: Electron's (through ipcPair) and the browser host's (a real socket), and the host to close. */
export async function openBridges(
  app: ShardscopeApp,
): Promise<{ bridges: Record<'electron' | 'browser', ShardscopeApi>; host: BrowserHost }> {
  const host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
  const socket = openSocket(host.origin, { token: host.token });
  expect(await outcome(socket)).toBe('open');
  return {
    host,
    bridges: {
      electron: createApi(createElectronTransport(ipcPair(app))),
      // Node 20 has no global WebSocket; the bridge needs only the standard surface, which ws offers.
      browser: createApi(createSocketTransport(socket as unknown as globalThis.WebSocket)),
    },
  };
}

import { expect } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import type { IpcRendererLike } from '../../preload/electron-transport';
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

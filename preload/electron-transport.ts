import type { IpcRenderer } from 'electron';
import type { Transport } from '../shared/api';
import type { Envelope } from '../shared/contract/errors';
import { IPC_CALL, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../shared/ipc-channels';

/** The part of ipcRenderer the bridge uses; taking it as a parameter keeps this testable under Node. */
export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'send' | 'on'>;

export function createElectronTransport(ipc: IpcRendererLike): Transport {
  return {
    invoke: (channel, input) => ipc.invoke(IPC_CALL, channel, input) as Promise<Envelope<unknown>>,
    setSubscribed: (topic, subscribed) => ipc.send(subscribed ? IPC_SUBSCRIBE : IPC_UNSUBSCRIBE, topic),
    onEvent: (handler) => {
      ipc.on(IPC_EVENT, (_event, topic: string, payload: unknown) => handler(topic, payload));
    },
  };
}

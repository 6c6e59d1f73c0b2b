import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { isEventTopic } from '../../shared/contract';
import { IPC_CALL, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../../shared/ipc-channels';
import type { ShardscopeApp } from '../app/shardscope-app';
import { isAppUrl } from '../security/navigation';

/** Only the main frame of our own window, showing our own content, is answered. */
function isTrustedSender(window: BrowserWindow, event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    !window.isDestroyed() &&
    event.sender === window.webContents &&
    frame !== null &&
    frame === window.webContents.mainFrame &&
    isAppUrl(frame.url)
  );
}

/** Connects the dispatcher and the event hub to one window over Electron IPC. */
export function registerIpcTransport(app: ShardscopeApp, window: BrowserWindow): () => void {
  const topics = new Set<string>();

  ipcMain.handle(IPC_CALL, (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(window, event)) {
      return { ok: false, error: { code: 'access-denied', message: 'This frame may not call Shardscope.' } };
    }
    return app.dispatch(channel, input);
  });
  const onSubscribe = (event: IpcMainEvent, topic: unknown) => {
    if (isTrustedSender(window, event) && isEventTopic(topic)) topics.add(topic);
  };
  const onUnsubscribe = (event: IpcMainEvent, topic: unknown) => {
    if (isTrustedSender(window, event) && typeof topic === 'string') topics.delete(topic);
  };
  ipcMain.on(IPC_SUBSCRIBE, onSubscribe);
  ipcMain.on(IPC_UNSUBSCRIBE, onUnsubscribe);

  const detach = app.events.attach((topic, payload) => {
    if (topics.has(topic) && !window.isDestroyed()) window.webContents.send(IPC_EVENT, topic, payload);
  });

  return () => {
    detach();
    ipcMain.removeHandler(IPC_CALL);
    ipcMain.off(IPC_SUBSCRIBE, onSubscribe);
    ipcMain.off(IPC_UNSUBSCRIBE, onUnsubscribe);
  };
}

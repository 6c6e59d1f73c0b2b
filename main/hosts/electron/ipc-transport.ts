import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { isEventTopic } from '../../../shared/contract';
import { IPC_CALL, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../../../shared/ipc-channels';
import type { ShardscopeApp } from '../../app/shardscope-app';
import { isAppUrl } from '../../security/navigation';
import { createOwner, type ClosableOwner } from '../../core/sessions/session-owner';

/** The parts of Electron's ipcMain this transport uses: tests hand in a fake. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'off'>;

/** The parts of a BrowserWindow it uses. */
export interface WindowLike {
  isDestroyed(): boolean;
  webContents: {
    id: number;
    mainFrame: unknown;
    send(channel: string, ...args: unknown[]): void;
    on(event: 'render-process-gone' | 'destroyed' | 'did-start-navigation', listener: (...args: never[]) => void): unknown;
  };
}

/** Only the main frame of our own window, showing our own content, is answered. */
export function isTrustedSender(window: WindowLike, event: Pick<IpcMainEvent | IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return (
    !window.isDestroyed() &&
    event.sender === window.webContents &&
    frame !== null &&
    frame === window.webContents.mainFrame &&
    isAppUrl(frame.url)
  );
}

/**
 * Connects the dispatcher and the event hub to one window over Electron IPC. Each page the window
 * loads is its own session owner: a reload, a navigation, a crashed renderer or a closed window
 * ends the sessions the page started, and a page never gets an earlier page's events.
 */
export function registerIpcTransport(app: ShardscopeApp, window: WindowLike, ipc: IpcMainLike): () => void {
  const topics = new Set<string>();
  const contents = window.webContents;
  const deliver = (topic: string, payload: unknown) => {
    if (topics.has(topic) && !window.isDestroyed()) contents.send(IPC_EVENT, topic, payload);
  };
  let generation = 0;
  let owner: ClosableOwner = createOwner(`ipc:${contents.id}:${generation}`, deliver);
  const endPage = () => {
    owner.close();
    void app.closeOwner(owner.id);
    topics.clear();
    owner = createOwner(`ipc:${contents.id}:${++generation}`, deliver);
  };

  ipc.handle(IPC_CALL, (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(window, event)) {
      return { ok: false, error: { code: 'access-denied', message: 'This frame may not call Shardscope.' } };
    }
    return app.dispatch(channel, input, owner);
  });
  const onSubscribe = (event: IpcMainEvent, topic: unknown) => {
    if (isTrustedSender(window, event) && isEventTopic(topic)) topics.add(topic);
  };
  const onUnsubscribe = (event: IpcMainEvent, topic: unknown) => {
    if (isTrustedSender(window, event) && typeof topic === 'string') topics.delete(topic);
  };
  ipc.on(IPC_SUBSCRIBE, onSubscribe);
  ipc.on(IPC_UNSUBSCRIBE, onUnsubscribe);
  contents.on('render-process-gone', endPage);
  contents.on('destroyed', endPage);
  contents.on('did-start-navigation', (details: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
    if (details?.isMainFrame && !details.isSameDocument) endPage();
  });

  const detach = app.events.attach(deliver);
  return () => {
    detach();
    endPage();
    ipc.removeHandler(IPC_CALL);
    ipc.off(IPC_SUBSCRIBE, onSubscribe);
    ipc.off(IPC_UNSUBSCRIBE, onUnsubscribe);
  };
}

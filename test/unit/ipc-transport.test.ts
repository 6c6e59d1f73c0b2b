import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { EventHub } from '../../main/core/event-hub';
import { registerIpcTransport, type IpcMainLike, type WindowLike } from '../../main/hosts/electron/ipc-transport';
import { Session } from '../../main/core/sessions/session';
import type { SessionOwner } from '../../main/core/sessions/session-owner';
import { SessionRegistry } from '../../main/core/sessions/session-registry';
import { IPC_CALL, IPC_EVENT, IPC_SUBSCRIBE } from '../../shared/ipc-channels';

/** A session that does nothing but exist, so the test sees which owner it belongs to. */
class IdleSession extends Session {
  readonly kind = 'preview';
  protected async begin(): Promise<void> {}
  protected async end(): Promise<void> {}
}

/** Electron's ipcMain and one BrowserWindow, reduced to what the transport touches. */
function fakes() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const listeners = new EventEmitter();
  const ipc = {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.on(channel, listener),
    off: (channel: string, listener: (...args: unknown[]) => void) => listeners.off(channel, listener),
  } as unknown as IpcMainLike;
  const mainFrame = { url: 'app://shardscope/index.html' };
  const contents = Object.assign(new EventEmitter(), {
    id: 7,
    mainFrame,
    sent: [] as unknown[][],
    send: (...args: unknown[]) => contents.sent.push(args),
  });
  const window = { isDestroyed: () => false, webContents: contents } as unknown as WindowLike;
  const fromPage = { sender: contents, senderFrame: mainFrame };
  return { handlers, listeners, ipc, contents, window, fromPage, mainFrame };
}

function fakeApp() {
  const sessions = new SessionRegistry();
  const callers: SessionOwner[] = [];
  const app = {
    events: new EventHub(),
    sessions,
    closeOwner: (ownerId: string) => sessions.closeOwner(ownerId),
    dispatch: async (_channel: unknown, _input: unknown, caller: SessionOwner) => {
      callers.push(caller);
      await sessions.start(new IdleSession(`s${callers.length}`, caller));
      return { ok: true, value: null };
    },
  } as unknown as ShardscopeApp;
  return { app, sessions, callers };
}

describe('the Electron IPC transport (with fakes of Electron objects)', () => {
  it('answers only our own main frame, and names it as the caller', async () => {
    const f = fakes();
    const { app, callers } = fakeApp();
    registerIpcTransport(app, f.window, f.ipc);
    const call = f.handlers.get(IPC_CALL)!;
    expect(await call({ sender: f.contents, senderFrame: { url: 'https://evil.example/' } }, 'app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'access-denied' },
    });
    expect(await call({ sender: {}, senderFrame: f.mainFrame }, 'app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'access-denied' },
    });
    expect(callers).toHaveLength(0);
    expect(await call(f.fromPage, 'preview:start', {})).toEqual({ ok: true, value: null });
    expect(callers[0]!.id).toBe('ipc:7:0');
  });

  it.each([
    ['a reload', (f: ReturnType<typeof fakes>) => f.contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })],
    ['a crashed renderer', (f: ReturnType<typeof fakes>) => f.contents.emit('render-process-gone', {}, { reason: 'crashed' })],
    ['a closed window', (f: ReturnType<typeof fakes>) => f.contents.emit('destroyed')],
  ])("ends the page's sessions on %s, and the next page is a new owner", async (_what, happen) => {
    const f = fakes();
    const { app, sessions, callers } = fakeApp();
    registerIpcTransport(app, f.window, f.ipc);
    await f.handlers.get(IPC_CALL)!(f.fromPage, 'preview:start', {});
    expect(sessions.size).toBe(1);
    happen(f);
    await expect.poll(() => sessions.size).toBe(0);
    await f.handlers.get(IPC_CALL)!(f.fromPage, 'preview:start', {});
    expect(callers[1]!.id).toBe('ipc:7:1');
    expect(sessions.size).toBe(1);
  });

  it('ignores in-page navigation and subframes', async () => {
    const f = fakes();
    const { app, sessions } = fakeApp();
    registerIpcTransport(app, f.window, f.ipc);
    await f.handlers.get(IPC_CALL)!(f.fromPage, 'preview:start', {});
    f.contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    f.contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(sessions.size).toBe(1);
  });

  it("delivers a session's events to its page alone, and broadcast events by subscription", async () => {
    const f = fakes();
    const { app, callers } = fakeApp();
    registerIpcTransport(app, f.window, f.ipc);
    f.listeners.emit(IPC_SUBSCRIBE, f.fromPage, 'session:status');
    f.listeners.emit(IPC_SUBSCRIBE, { sender: f.contents, senderFrame: { url: 'https://evil.example/' } }, 'connections:changed');
    await f.handlers.get(IPC_CALL)!(f.fromPage, 'preview:start', {});
    expect(f.contents.sent).toEqual([
      [IPC_EVENT, 'session:status', { sessionId: 's1', kind: 'preview', state: 'running', stoppedBy: null, reason: null }],
    ]);
    // The old page's owner sends nothing once the page is gone.
    f.contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    callers[0]!.send('session:status', { sessionId: 's1', kind: 'preview', state: 'running', stoppedBy: null, reason: null });
    expect(f.contents.sent).toHaveLength(1);
    app.events.emit('connections:changed', {
      kind: 'sandbox',
      profile: null,
      label: 'x',
      region: 'us-east-1',
      endpoint: null,
      readBudget: { callsPerSecond: 5, mibPerSecond: null },
      readOnly: false,
    });
    expect(f.contents.sent).toHaveLength(1);
  });
});

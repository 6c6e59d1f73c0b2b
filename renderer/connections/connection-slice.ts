import {
  SANDBOX_CONNECTION,
  type ActiveConnection,
  type ConnectionList,
  type ConnectionTest,
  type ProfileView,
  type SaveProfileInput,
} from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../app/store';

export type TestState = { status: 'running' } | { status: 'done'; result: ConnectionTest } | { status: 'error'; message: string };

/** Which connection the window is on (kind, label, region): lists and caches of one are not another's. */
export const selectConnectionKey = (state: Pick<ConnectionSlice, 'connection'>): string =>
  state.connection ? `${state.connection.kind}:${state.connection.label}:${state.connection.region}` : '';

export interface ConnectionSlice {
  connection: ActiveConnection | null;
  connectionError: string | null;
  connectionList: ConnectionList | null;
  connectionListError: string | null;
  /** The last test of each connection, by name. */
  connectionTests: Record<string, TestState>;
  loadConnection(): Promise<void>;
  setConnection(connection: ActiveConnection): void;
  /** Main switched the connection (this window or another, or the CLI beside it). */
  receiveConnectionChange(connection: ActiveConnection): void;
  loadConnectionList(): Promise<void>;
  /** Throws the API error so the form can show it next to the right field. */
  saveProfile(input: SaveProfileInput): Promise<ProfileView>;
  removeProfile(name: string): Promise<void>;
  activateConnection(name: string): Promise<void>;
  /**
   * The link to the host came back as a new caller, which the host starts on the connection
   * chosen last anywhere: this window asks for its own again, or shows the one it got.
   */
  restoreConnection(): Promise<void>;
  testConnection(name: string): Promise<void>;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (api) => (set, get) => ({
  connection: null,
  connectionError: null,
  connectionList: null,
  connectionListError: null,
  connectionTests: {},
  async loadConnection() {
    try {
      set({ connection: await unwrap(api.connections.active()), connectionError: null });
    } catch (error) {
      set({ connectionError: messageOf(error) });
    }
  },
  setConnection(connection) {
    set({ connection, connectionError: null });
  },
  receiveConnectionChange(connection) {
    set({ connection, connectionError: null });
    // The list shows which connection is active: a list on screen is brought up to date.
    if (get().connectionList) void get().loadConnectionList();
  },
  async loadConnectionList() {
    try {
      const connectionList = await unwrap(api.connections.list());
      set({ connectionList, connectionListError: null, ...(connectionList.active ? { connection: connectionList.active } : {}) });
    } catch (error) {
      set({ connectionListError: messageOf(error) });
    }
  },
  async saveProfile(input) {
    const saved = await unwrap(api.connections.save(input));
    await get().loadConnectionList();
    return saved;
  },
  async removeProfile(name) {
    await unwrap(api.connections.remove({ name }));
    const { [name]: _forgotten, ...connectionTests } = get().connectionTests;
    set({ connectionTests });
    await get().loadConnectionList();
  },
  async restoreConnection() {
    const mine = get().connection;
    const name = mine?.kind === 'sandbox' ? SANDBOX_CONNECTION : (mine?.profile ?? null);
    try {
      const now = await unwrap(name ? api.connections.activate({ name }) : api.connections.active());
      get().receiveConnectionChange(now);
    } catch (error) {
      // The saved connection went away meanwhile: the window shows the one the host gave it.
      const given = await unwrap(api.connections.active()).catch(() => null);
      if (given) get().receiveConnectionChange(given);
      set({ connectionError: messageOf(error) });
    }
  },
  async activateConnection(name) {
    set({ connection: await unwrap(api.connections.activate({ name })) });
    await get().loadConnectionList();
  },
  async testConnection(name) {
    set({ connectionTests: { ...get().connectionTests, [name]: { status: 'running' } } });
    let state: TestState;
    try {
      state = { status: 'done', result: await unwrap(api.connections.test({ name })) };
    } catch (error) {
      state = { status: 'error', message: messageOf(error) };
    }
    set({ connectionTests: { ...get().connectionTests, [name]: state } });
  },
});

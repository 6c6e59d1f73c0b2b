import { SANDBOX_CONNECTION } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../state/store';
import type { ConnectionSlice, TestState } from '../state/connection-state';

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

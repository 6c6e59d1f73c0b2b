import type { ActiveConnection } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../app/store';

export interface ConnectionSlice {
  connection: ActiveConnection | null;
  connectionError: string | null;
  loadConnection(): Promise<void>;
  setConnection(connection: ActiveConnection): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (api) => (set) => ({
  connection: null,
  connectionError: null,
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
});

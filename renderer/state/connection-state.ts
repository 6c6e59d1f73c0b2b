import type { ActiveConnection, ConnectionList, ConnectionTest, ProfileView, SaveProfileInput } from '../../shared/contract';

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

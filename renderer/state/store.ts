import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { ShardscopeApi } from '../../shared/api';
import type { AdminSlice } from './admin-state';
import type { AuditSlice } from './audit-state';
import type { ConnectionSlice } from './connection-state';
import type { ConsumersSlice } from './consumers-state';
import type { HeatSlice } from './heat-state';
import type { HostSlice } from './host-state';
import type { MaskingSlice } from './masking-state';
import type { NavigationSlice } from './navigation-slice';
import type { PermissionsSlice } from './permissions-state';
import type { PreviewSlice } from './preview-state';
import type { RedriveSlice } from './redrive-state';
import type { RunsSlice } from './runs-state';
import type { SchemasSlice } from './schemas-state';
import type { SandboxSlice } from './sandbox-state';
import type { SearchSlice } from './search-state';
import type { SessionsSlice } from './sessions-state';
import type { ShardListSlice, StreamDetailSlice, StreamsSlice } from './streams-state';
import type { ThroughputSlice } from './throughput-state';
import type { WritesSlice } from './writes-state';
import type { ViewsSlice } from './views-state';
import type { RecordColumnsSlice } from './record-columns';

/**
 * The whole store's shape. Slice types live here, below every feature, so a feature can read or
 * call another's state through the store without importing that feature; app/ builds the store.
 */
export type AppState = ConnectionSlice &
  StreamsSlice &
  StreamDetailSlice &
  ShardListSlice &
  SandboxSlice &
  NavigationSlice &
  PermissionsSlice &
  PreviewSlice &
  SchemasSlice &
  ThroughputSlice &
  SessionsSlice &
  RunsSlice &
  SearchSlice &
  WritesSlice &
  AdminSlice &
  ConsumersSlice &
  AuditSlice &
  MaskingSlice &
  HeatSlice &
  ViewsSlice &
  RecordColumnsSlice &
  RedriveSlice &
  HostSlice;

/** A feature's slice: it sees the whole state and the API object, and owns its own keys. */
export type SliceCreator<S> = (api: ShardscopeApi) => StateCreator<AppState, [], [], S>;

export type AppStore = StoreApi<AppState>;

export const StoreContext = createContext<{ store: AppStore; api: ShardscopeApi } | null>(null);

function useStoreContext() {
  const context = useContext(StoreContext);
  if (!context) throw new Error('useAppStore needs a StoreContext provider');
  return context;
}

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreContext().store, selector);
}

export function useApi(): ShardscopeApi {
  return useStoreContext().api;
}

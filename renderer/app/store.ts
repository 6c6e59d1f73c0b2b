import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { ShardscopeApi } from '../../shared/api';
import { createConnectionSlice, type ConnectionSlice } from '../connections/connection-slice';
import { createSandboxSlice, type SandboxSlice } from '../sandbox/sandbox-slice';
import { createStreamDetailSlice, type StreamDetailSlice } from '../streams/detail/stream-detail-slice';
import { createStreamsSlice, type StreamsSlice } from '../streams/streams-slice';
import { createShardListSlice, type ShardListSlice } from '../streams/picker/shard-list-slice';
import { createPermissionsSlice, type PermissionsSlice } from '../permissions/permissions-slice';
import { createPreviewSlice, type PreviewSlice } from '../preview/preview-slice';
import { createRunsSlice, type RunsSlice } from '../runs/runs-slice';
import { createSearchSlice, type SearchSlice } from '../search/search-slice';
import { createSessionsSlice, type SessionsSlice } from '../sessions/sessions-slice';
import { createThroughputSlice, type ThroughputSlice } from '../throughput/throughput-slice';
import { wireEvents } from './event-wiring';
import { createWritesSlice, type WritesSlice } from '../writes/writes-slice';
import { createAdminSlice, type AdminSlice } from '../admin/admin-slice';
import { createConsumersSlice, type ConsumersSlice } from '../consumers/consumers-slice';
import { createHostSlice, type HostSlice } from './host-slice';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice';

export type AppState = ConnectionSlice &
  StreamsSlice &
  StreamDetailSlice &
  ShardListSlice &
  SandboxSlice &
  NavigationSlice &
  PermissionsSlice &
  PreviewSlice &
  ThroughputSlice &
  SessionsSlice &
  RunsSlice &
  SearchSlice &
  WritesSlice &
  AdminSlice &
  ConsumersSlice &
  HostSlice;

/** A feature's slice: it sees the whole state and the API object, and owns its own keys. */
export type SliceCreator<S> = (api: ShardscopeApi) => StateCreator<AppState, [], [], S>;

export type AppStore = StoreApi<AppState>;

export function createAppStore(api: ShardscopeApi): AppStore {
  const store = createStore<AppState>()((...args) => ({
    ...createConnectionSlice(api)(...args),
    ...createStreamsSlice(api)(...args),
    ...createSandboxSlice(api)(...args),
    ...createNavigationSlice(api)(...args),
    ...createPermissionsSlice(api)(...args),
    ...createPreviewSlice(api)(...args),
    ...createThroughputSlice(api)(...args),
    ...createSessionsSlice(api)(...args),
    ...createRunsSlice(api)(...args),
    ...createSearchSlice(api)(...args),
    ...createStreamDetailSlice(api)(...args),
    ...createShardListSlice(api)(...args),
    ...createWritesSlice(api)(...args),
    ...createAdminSlice(api)(...args),
    ...createConsumersSlice(api)(...args),
    ...createHostSlice(api)(...args),
  }));
  wireEvents(api, store);
  return store;
}

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

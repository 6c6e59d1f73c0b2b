import { createStore } from 'zustand/vanilla';
import type { ShardscopeApi } from '../../shared/api';
import { createConnectionSlice } from '../connections/connection-slice';
import { createSandboxSlice } from '../sandbox/sandbox-slice';
import { createStreamDetailSlice } from '../streams/detail/stream-detail-slice';
import { createStreamsSlice } from '../streams/streams-slice';
import { createShardListSlice } from '../ui/picker/shard-list-slice';
import { createPermissionsSlice } from '../permissions/permissions-slice';
import { createPreviewSlice } from '../preview/preview-slice';
import { createSchemasSlice } from '../preview/schemas-slice';
import { createRunsSlice } from '../runs/runs-slice';
import { createSearchSlice } from '../search/search-slice';
import { createSessionsSlice } from '../sessions/sessions-slice';
import { createThroughputSlice } from '../throughput/throughput-slice';
import { wireEvents } from './event-wiring';
import { createWritesSlice } from '../writes/writes-slice';
import { createAdminSlice } from '../admin/admin-slice';
import { createConsumersSlice } from '../consumers/consumers-slice';
import { createAuditSlice } from '../audit/audit-slice';
import { createMaskingSlice } from '../connections/masking-slice';
import { createHostSlice } from './host-slice';
import { createHeatSlice } from '../streams/detail/heat/heat-slice';
import { createViewsSlice } from '../views/views-slice';
import { createNavigationSlice } from '../state/navigation-slice';
import { createRecordColumnsSlice } from '../state/record-columns';
import { createRedriveSlice } from '../redrive/redrive-slice';
import type { AppState, AppStore } from '../state/store';

/** The store of every feature's slice, with main's events wired to the slices that keep them. */
export function createAppStore(api: ShardscopeApi): AppStore {
  const store = createStore<AppState>()((...args) => ({
    ...createConnectionSlice(api)(...args),
    ...createStreamsSlice(api)(...args),
    ...createSandboxSlice(api)(...args),
    ...createNavigationSlice(api)(...args),
    ...createPermissionsSlice(api)(...args),
    ...createPreviewSlice(api)(...args),
    ...createSchemasSlice(api)(...args),
    ...createThroughputSlice(api)(...args),
    ...createSessionsSlice(api)(...args),
    ...createRunsSlice(api)(...args),
    ...createSearchSlice(api)(...args),
    ...createStreamDetailSlice(api)(...args),
    ...createShardListSlice(api)(...args),
    ...createWritesSlice(api)(...args),
    ...createAdminSlice(api)(...args),
    ...createConsumersSlice(api)(...args),
    ...createAuditSlice(api)(...args),
    ...createMaskingSlice(api)(...args),
    ...createHeatSlice(api)(...args),
    ...createViewsSlice(api)(...args),
    ...createRecordColumnsSlice(api)(...args),
    ...createRedriveSlice(api)(...args),
    ...createHostSlice(api)(...args),
  }));
  wireEvents(api, store);
  return store;
}

import type { SliceCreator } from '../state/store';
import type { SessionsSlice } from '../state/sessions-state';

/** Enough to hold every live session and the recent stops that pages still show. */
const KEPT = 64;

export const createSessionsSlice: SliceCreator<SessionsSlice> = () => (set, get) => ({
  sessionStatuses: {},
  receiveSessionStatus(status) {
    const next = { ...get().sessionStatuses, [status.sessionId]: status };
    const ids = Object.keys(next);
    if (ids.length > KEPT) {
      for (const id of ids.slice(0, ids.length - KEPT)) if (next[id]!.state === 'stopped') delete next[id];
    }
    set({ sessionStatuses: next });
  },
});

import type { SessionStatus } from '../../shared/contract';
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

/** What a page says about its session once main has stopped it, or null while it runs or was stopped by the user. */
export function stopMessage(what: string, status: SessionStatus | undefined): string | null {
  if (!status || status.state !== 'stopped') return null;
  switch (status.stoppedBy) {
    case 'error':
      return `The ${what} stopped: ${status.reason ?? 'an error ended it.'}`;
    case 'connection-changed':
      return `The ${what} stopped because the connection was switched.`;
    case 'owner-closed':
      // Only a browser tab sees this: its socket closed and the host ended its sessions.
      return `The ${what} stopped: ${status.reason ?? 'its window closed.'}`;
    case 'app-stopped':
      return `The ${what} stopped because Shardscope is shutting down.`;
    default:
      return null;
  }
}

import { describeLostSessions, stopLostSessions } from './lost-sessions';
import type { SliceCreator } from '../state/store';
import type { HostSlice } from '../state/host-state';

export const createHostSlice: SliceCreator<HostSlice> = () => (set, get) => ({
  lagging: null,
  receiveLagging(next) {
    const previous = get().lagging;
    set({
      lagging: previous
        ? { skipped: previous.skipped + next.skipped, topics: [...new Set([...previous.topics, ...next.topics])].sort() }
        : next,
    });
  },
  dismissLagging() {
    set({ lagging: null });
  },
  hostLink: null,
  receiveHostLink(link) {
    const previous = get().hostLink?.stopped ?? [];
    if (link === 'restored') {
      set({ hostLink: { link, stopped: previous } });
      void get().restoreConnection();
      return;
    }
    // The host ends a closed socket's sessions; no status for them will come, so they stop here.
    const lost = stopLostSessions(get().sessionStatuses);
    const stopped = [...previous, ...describeLostSessions(get(), lost)];
    set({
      sessionStatuses: { ...get().sessionStatuses, ...Object.fromEntries(lost.map((status) => [status.sessionId, status])) },
      hostLink: { link, stopped },
    });
  },
  dismissHostLink() {
    set({ hostLink: null });
  },
});

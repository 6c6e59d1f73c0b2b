import type { HostLink } from '../../shared/api';
import type { HostLagging } from '../../shared/contract';
import { describeLostSessions, stopLostSessions } from './lost-sessions';
import type { SliceCreator } from './store';

export interface HostLinkState {
  link: HostLink;
  /** What stopped when the link went, one sentence each. */
  stopped: string[];
}

export interface HostSlice {
  /** Events the browser host skipped for this tab since the notice was last dismissed. */
  lagging: HostLagging | null;
  receiveLagging(lagging: HostLagging): void;
  dismissLagging(): void;
  /** The socket to the browser host was lost (and maybe reopened) since the notice was dismissed. */
  hostLink: HostLinkState | null;
  receiveHostLink(link: HostLink): void;
  dismissHostLink(): void;
}

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

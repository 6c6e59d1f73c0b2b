import type { HostLagging } from '../../shared/contract';
import type { SliceCreator } from './store';

export interface HostSlice {
  /** Events the browser host skipped for this tab since the notice was last dismissed. */
  lagging: HostLagging | null;
  receiveLagging(lagging: HostLagging): void;
  dismissLagging(): void;
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
});

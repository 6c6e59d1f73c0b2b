import type { StreamList } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../app/store';

export interface StreamsSlice {
  streamList: StreamList | null;
  streamsLoading: boolean;
  /** The last refresh's failure; the previous list stays on screen beside it. */
  streamsError: string | null;
  streamsLoadedAt: number | null;
  refreshStreams(): Promise<void>;
  clearStreams(): void;
}

export const createStreamsSlice: SliceCreator<StreamsSlice> = (api) => (set) => {
  // Only the newest request may write: an answer for a previous connection arrives too late to matter.
  let latest = 0;
  return {
    streamList: null,
    streamsLoading: false,
    streamsError: null,
    streamsLoadedAt: null,
    clearStreams() {
      latest++;
      set({ streamList: null, streamsError: null, streamsLoadedAt: null, streamsLoading: false });
    },
    async refreshStreams() {
      const request = ++latest;
      set({ streamsLoading: true });
      try {
        const streamList = await unwrap(api.streams.list());
        if (request === latest) set({ streamList, streamsError: null, streamsLoadedAt: Date.now() });
      } catch (error) {
        if (request === latest) set({ streamsError: messageOf(error) });
      } finally {
        if (request === latest) set({ streamsLoading: false });
      }
    },
  };
};

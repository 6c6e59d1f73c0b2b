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
}

export const createStreamsSlice: SliceCreator<StreamsSlice> = (api) => (set, get) => ({
  streamList: null,
  streamsLoading: false,
  streamsError: null,
  streamsLoadedAt: null,
  async refreshStreams() {
    if (get().streamsLoading) return;
    set({ streamsLoading: true });
    try {
      const streamList = await unwrap(api.streams.list());
      set({ streamList, streamsError: null, streamsLoadedAt: Date.now() });
    } catch (error) {
      set({ streamsError: messageOf(error) });
    } finally {
      set({ streamsLoading: false });
    }
  },
});

import { loading, settle } from '../../api/query-state';
import type { SliceCreator } from '../../state/store';
import type { StreamDetailSlice, StreamDetailState } from '../../state/streams-state';

export const createStreamDetailSlice: SliceCreator<StreamDetailSlice> = (api) => (set, get) => {
  // Only the newest load may write: a slow answer for the stream shown before must not land on this one.
  let latest = 0;
  return {
    streamDetail: null,
    async loadStreamDetail(name) {
      const request = ++latest;
      const previous = get().streamDetail;
      if (previous?.name !== name) set({ streamDetail: { name, summary: loading, shards: loading, tags: loading } });
      const panel = async <K extends Exclude<keyof StreamDetailState, 'name'>>(key: K, answer: Promise<StreamDetailState[K]>) => {
        const state = await answer;
        const current = get().streamDetail;
        if (request !== latest || current?.name !== name) return;
        set({ streamDetail: { ...current, [key]: state } });
        if (key === 'summary' && state.status === 'error' && state.error.code === 'not-found') get().markStreamGone(name);
      };
      await Promise.all([
        panel('summary', settle(api.streams.describe({ name }))),
        panel('shards', settle(api.streams.shards({ name }))),
        panel('tags', settle(api.streams.tags({ name }))),
      ]);
    },
  };
};

import type { CallOutput } from '../../../shared/contract';
import { loading, settle, type QueryState } from '../../api/query-state';
import type { SliceCreator } from '../../app/store';

export interface StreamDetailState {
  name: string;
  summary: QueryState<CallOutput<'streams:describe'>>;
  shards: QueryState<CallOutput<'streams:shards'>>;
  tags: QueryState<CallOutput<'streams:tags'>>;
}

export interface StreamDetailSlice {
  /** The stream whose detail is shown, one call per panel so each can fail on its own. */
  streamDetail: StreamDetailState | null;
  /** Loads (or reloads) every panel; a reload keeps the last answers on screen until new ones arrive. */
  loadStreamDetail(name: string): Promise<void>;
}

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

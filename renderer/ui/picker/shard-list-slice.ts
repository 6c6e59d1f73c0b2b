import type { Shard } from '../../../shared/contract';
import { loading, settle, type QueryState } from '../../api/query-state';
import type { SliceCreator } from '../../state/store';
import { selectConnectionKey } from '../../state/connection-state';
import { type ShardListSlice, shardListKey } from '../../state/streams-state';

export const createShardListSlice: SliceCreator<ShardListSlice> = (api) => (set, get) => {
  // Only the newest request for a stream may write: an older answer arriving late is dropped.
  const latest = new Map<string, number>();
  return {
    shardLists: {},
    async loadShardList(stream) {
      const key = shardListKey(selectConnectionKey(get()), stream);
      const request = (latest.get(key) ?? 0) + 1;
      latest.set(key, request);
      if (!get().shardLists[key]) set({ shardLists: { ...get().shardLists, [key]: loading } });
      const answer = await settle(api.streams.shards({ name: stream }));
      if (latest.get(key) !== request || shardListKey(selectConnectionKey(get()), stream) !== key) return;
      const state: QueryState<readonly Shard[]> = answer.status === 'ok' ? { status: 'ok', data: answer.data.shards } : answer;
      set({ shardLists: { ...get().shardLists, [key]: state } });
    },
  };
};

import type { Shard } from '../../../shared/contract';
import { loading, settle, type QueryState } from '../../api/query-state';
import type { SliceCreator } from '../../app/store';
import { selectConnectionKey } from '../../connections/connection-slice';

/** A stream of a connection: the same name on another account or region is another stream. */
export const shardListKey = (connection: string, stream: string) => `${connection}\n${stream}`;

export interface ShardListSlice {
  /** The shards of streams named in a shard picker, by shardListKey. */
  shardLists: Readonly<Record<string, QueryState<readonly Shard[]>>>;
  /** Asks main for a stream's shards; the last answer stays shown while a new one is on its way. */
  loadShardList(stream: string): Promise<void>;
}

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

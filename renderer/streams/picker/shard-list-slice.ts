import type { Shard } from '../../../shared/contract';
import { loading, settle, type QueryState } from '../../api/query-state';
import type { SliceCreator } from '../../app/store';

export interface ShardListSlice {
  /** The shards of streams named in a shard picker, by stream name. */
  shardLists: Readonly<Record<string, QueryState<readonly Shard[]>>>;
  /** Asks main for a stream's shards; the last answer stays shown while a new one is on its way. */
  loadShardList(stream: string): Promise<void>;
}

export const createShardListSlice: SliceCreator<ShardListSlice> = (api) => (set, get) => ({
  shardLists: {},
  async loadShardList(stream) {
    if (!get().shardLists[stream]) set({ shardLists: { ...get().shardLists, [stream]: loading } });
    const answer = await settle(api.streams.shards({ name: stream }));
    const state: QueryState<readonly Shard[]> = answer.status === 'ok' ? { status: 'ok', data: answer.data.shards } : answer;
    set({ shardLists: { ...get().shardLists, [stream]: state } });
  },
});

import type { CallOutput, Shard, StreamSummary } from '../../shared/contract';
import type { QueryState } from '../api/query-state';
import type { StreamSort } from './sort-state';

export interface StreamRow extends StreamSummary {
  /** Shard count and retention are known (DescribeStreamSummary has answered). */
  detailed: boolean;
  /** Listed before, missing now: deleted while browsed. Kept so the user sees what happened. */
  gone: boolean;
}

export interface StreamsSlice {
  streamRows: StreamRow[] | null;
  streamsLoading: boolean;
  /** The last refresh's failure; the previous list stays on screen beside it. */
  streamsError: string | null;
  streamsLoadedAt: number | null;
  detailProgress: { done: number; total: number } | null;
  streamFilter: string;
  streamSort: StreamSort;
  selectedStream: string | null;
  refreshStreams(): Promise<void>;
  /** The connection the list is of (kind, label, region), so a page that mounts again keeps it. */
  streamsConnection: string | null;
  /** Starts over (no list, no selection) when the connection is not the one the list is of. */
  showStreamsOf(connection: string): void;
  setStreamFilter(filter: string): void;
  setStreamSort(sort: StreamSort): void;
  selectStream(name: string | null): void;
  markStreamGone(name: string): void;
}

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

/** A stream of a connection: the same name on another account or region is another stream. */
export const shardListKey = (connection: string, stream: string) => `${connection}\n${stream}`;

export interface ShardListSlice {
  /** The shards of streams named in a shard picker, by shardListKey. */
  shardLists: Readonly<Record<string, QueryState<readonly Shard[]>>>;
  /** Asks main for a stream's shards; the last answer stays shown while a new one is on its way. */
  loadShardList(stream: string): Promise<void>;
}

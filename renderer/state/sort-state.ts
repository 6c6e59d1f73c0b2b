/** A table's sort: the column it is sorted by, and which way. */
export interface SortState<K extends string = string> {
  key: K;
  direction: 'asc' | 'desc';
}

export type RecordSortKey = 'arrival' | 'shard' | 'sequence' | 'key' | 'size' | 'data';
export type RecordSort = SortState<RecordSortKey>;

/** Records as they arrived in the stream: the order a search's matches are shown in until a column is chosen. */
export const BY_ARRIVAL: RecordSort = { key: 'arrival', direction: 'asc' };

export type StreamSortKey = 'name' | 'status' | 'openShards';
export type StreamSort = SortState<StreamSortKey>;

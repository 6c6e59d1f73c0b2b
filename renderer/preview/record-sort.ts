import type { PreviewRecord } from '../../shared/contract';
import { byDigits, naturalText, sortedBy, type Compare, type SortState } from '../ui/sort-rows';

export type RecordSortKey = 'arrival' | 'shard' | 'sequence' | 'key' | 'size' | 'data';
export type RecordSort = SortState<RecordSortKey>;

/** Records as they arrived in the stream: the order a search's matches are shown in until a column is chosen. */
export const BY_ARRIVAL: RecordSort = { key: 'arrival', direction: 'asc' };

const bySequence: Compare<PreviewRecord> = (a, b) =>
  byDigits(a.sequenceNumber, b.sequenceNumber) || (a.subSequenceNumber ?? -1) - (b.subSequenceNumber ?? -1);
const byShard: Compare<PreviewRecord> = (a, b) => naturalText.compare(a.shardId, b.shardId);
// ISO times of one format: their text sorts as the times do.
const byArrival: Compare<PreviewRecord> = (a, b) => (a.arrivalTime < b.arrivalTime ? -1 : a.arrivalTime > b.arrivalTime ? 1 : 0);

const compareBy: Record<RecordSortKey, Compare<PreviewRecord>> = {
  arrival: byArrival,
  shard: byShard,
  sequence: bySequence,
  key: (a, b) => naturalText.compare(a.partitionKey, b.partitionKey),
  size: (a, b) => a.size - b.size,
  data: (a, b) => naturalText.compare(a.text, b.text),
};

/** A sorted copy; records equal in the column stay in arrival order, then by shard and sequence number. */
export function sortRecords(records: readonly PreviewRecord[], sort: RecordSort): PreviewRecord[] {
  return sortedBy(records, sort, compareBy, (a, b) => byArrival(a, b) || byShard(a, b) || bySequence(a, b));
}

import { recordText, type PreviewRecord } from '../../../shared/contract';
import type { RecordSort, RecordSortKey } from '../../state/sort-state';
import { byDigits, naturalText, sortedBy, type Compare } from '../sort-rows';

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
  data: (a, b) => naturalText.compare(recordText(a), recordText(b)),
};

/** A sorted copy; records equal in the column stay in arrival order, then by shard and sequence number. */
export function sortRecords(records: readonly PreviewRecord[], sort: RecordSort): PreviewRecord[] {
  return sortedBy(records, sort, compareBy, (a, b) => byArrival(a, b) || byShard(a, b) || bySequence(a, b));
}

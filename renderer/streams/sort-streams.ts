import type { StreamSummary } from '../../shared/contract';
import type { StreamSort } from '../state/sort-state';
import { naturalText, sortedBy } from '../ui/sort-rows';

type SortedStream = Pick<StreamSummary, 'name' | 'status' | 'openShards'>;
const byName = (a: SortedStream, b: SortedStream) => naturalText.compare(a.name, b.name);

const compareBy = {
  name: byName,
  status: (a: SortedStream, b: SortedStream) => naturalText.compare(a.status, b.status) || byName(a, b),
  openShards: (a: SortedStream, b: SortedStream) => a.openShards! - b.openShards!,
};

/** A sorted copy; unknown shard counts go last whichever the direction, names break ties. */
export function sortRows<T extends SortedStream>(rows: readonly T[], sort: StreamSort): T[] {
  if (sort.key !== 'openShards') return sortedBy(rows, sort, compareBy, byName);
  const unknown = rows.filter((row) => row.openShards === null).sort(byName);
  return [
    ...sortedBy(
      rows.filter((row) => row.openShards !== null),
      sort,
      compareBy,
      byName,
    ),
    ...unknown,
  ];
}

/** Case-insensitive substring match; the rows keep their order. Pass the lower-cased names to reuse them. */
export function filterRows<T extends { name: string }>(
  rows: readonly T[],
  filter: string,
  lowerNames = rows.map((row) => row.name.toLowerCase()),
): readonly T[] {
  const needle = filter.trim().toLowerCase();
  return needle ? rows.filter((_, index) => lowerNames[index]!.includes(needle)) : rows;
}

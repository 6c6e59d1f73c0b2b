import type { StreamSummary } from '../../shared/contract';

export type SortKey = 'name' | 'status' | 'openShards';
export interface SortState {
  key: SortKey;
  direction: 'asc' | 'desc';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A sorted copy; unknown shard counts go last whichever the direction, names break ties. */
export function sortRows<T extends Pick<StreamSummary, 'name' | 'status' | 'openShards'>>(rows: readonly T[], sort: SortState): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'openShards') {
      if (a.openShards === null || b.openShards === null) {
        if (a.openShards !== b.openShards) return a.openShards === null ? 1 : -1;
      } else if (a.openShards !== b.openShards) {
        return sign * (a.openShards - b.openShards);
      }
      return collator.compare(a.name, b.name);
    }
    const primary = sort.key === 'status' ? collator.compare(a.status, b.status) : 0;
    return sign * (primary || collator.compare(a.name, b.name));
  });
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

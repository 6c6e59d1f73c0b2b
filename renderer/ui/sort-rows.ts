import type { SortState } from '../state/sort-state';

export type Compare<T> = (a: T, b: T) => number;

/** Natural order for text ("orders-9" before "orders-10"), ignoring case. */
export const naturalText = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Digit strings too long for a number (sequence numbers), compared as the numbers they are. */
export const byDigits = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * A sorted copy: by the sort's column, flipped for descending, then by `tieBreak` (always
 * ascending) so equal rows keep one order whichever way the column goes.
 */
export function sortedBy<T, K extends string>(
  rows: readonly T[],
  sort: SortState<K>,
  compareBy: Record<K, Compare<T>>,
  tieBreak: Compare<T> = () => 0,
): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compare = compareBy[sort.key];
  return [...rows].sort((a, b) => sign * compare(a, b) || tieBreak(a, b));
}

/** The sort a click on a column's header asks for: ascending first, then the other way. */
export const nextSort = <K extends string>(sort: SortState<K> | null, key: K): SortState<K> => ({
  key,
  direction: sort?.key === key && sort.direction === 'asc' ? 'desc' : 'asc',
});

export const ariaSortOf = <K extends string>(sort: SortState<K> | null, key: K) =>
  sort?.key === key ? (sort.direction === 'asc' ? ('ascending' as const) : ('descending' as const)) : undefined;

import type { SortState } from '../state/sort-state';
import { ariaSortOf, nextSort } from './sort-rows';

/** A column header that sorts by its column: a button, so Enter and Space work as a click does. */
export function SortButton<K extends string>({
  label,
  sortKey,
  sort,
  onSort,
}: {
  label: string;
  sortKey: K;
  sort: SortState<K> | null;
  onSort(sort: SortState<K>): void;
}) {
  const current = sort?.key === sortKey;
  return (
    <button type="button" className="stream-table__sort" onClick={() => onSort(nextSort(sort, sortKey))}>
      {label}
      <span aria-hidden="true">{current ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
    </button>
  );
}

/** The parts of a TableColumn that make it sortable: its header button and its aria-sort. */
export function sortableColumn<K extends string>(id: K, label: string, sort: SortState<K> | null, onSort: (sort: SortState<K>) => void) {
  return { id, label, header: <SortButton label={label} sortKey={id} sort={sort} onSort={onSort} />, ariaSort: ariaSortOf(sort, id) };
}

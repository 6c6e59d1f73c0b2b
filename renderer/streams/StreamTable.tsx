import { useEffect } from 'react';
import { useVirtualRows } from '../ui/useVirtualRows';
import type { StreamRow } from './streams-slice';
import type { SortKey, SortState } from './sort-streams';
import { StatusBadge } from './StatusBadge';

const ROW_HEIGHT = 36;

const columns: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'name', label: 'Name', className: 'stream-table__name' },
  { key: 'status', label: 'Status', className: 'stream-table__status' },
  { key: null, label: 'Capacity mode', className: 'stream-table__mode' },
  { key: 'openShards', label: 'Open shards', className: 'stream-table__number' },
  { key: null, label: 'Retention', className: 'stream-table__number' },
];

interface StreamTableProps {
  rows: readonly StreamRow[];
  sort: SortState;
  onSort(sort: SortState): void;
  selected: string | null;
  onSelect(name: string): void;
}

/**
 * The stream list as an ARIA table whose body is virtualized: only the rows in view exist in the
 * DOM, so ten thousand streams scroll and filter as smoothly as ten.
 */
export function StreamTable({ rows, sort, onSort, selected, onSelect }: StreamTableProps) {
  const selectedIndex = selected ? rows.findIndex((row) => row.name === selected) : -1;
  const { scroller, virtualizer, onKeyDown } = useVirtualRows(rows, {
    rowHeight: ROW_HEIGHT,
    overscan: 6,
    selectedIndex,
    onSelect: (row) => onSelect(row.name),
  });

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div className="stream-table" role="table" aria-label="Streams" aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className="stream-table__head">
        <div role="row" className="stream-table__row" aria-rowindex={1}>
          {columns.map((column) => (
            <div
              key={column.label}
              role="columnheader"
              className={column.className}
              aria-sort={column.key && sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {column.key ? (
                <button
                  type="button"
                  className="stream-table__sort"
                  onClick={() =>
                    onSort({ key: column.key!, direction: sort.key === column.key && sort.direction === 'asc' ? 'desc' : 'asc' })
                  }
                >
                  {column.label}
                  <span aria-hidden="true">{sort.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              ) : (
                column.label
              )}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="stream-table__body"
        role="rowgroup"
        tabIndex={0}
        aria-label="Stream rows; arrow keys move the selection"
        onKeyDown={onKeyDown}
      >
        <div className="stream-table__spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const classes = [
              'stream-table__row',
              row.name === selected && 'stream-table__row--selected',
              row.gone && 'stream-table__row--gone',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              // Keyed by position: when the filter changes which streams are in view, React updates
              // the rows already there instead of rebuilding them, which keeps a keystroke cheap.
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={row.name === selected}
                className={classes}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(row.name)}
              >
                <div role="rowheader" className="stream-table__name">
                  <button type="button" className="stream-table__open" onClick={() => onSelect(row.name)}>
                    {row.name}
                  </button>
                </div>
                <div role="cell" className="stream-table__status">
                  {row.gone ? (
                    <span className="badge badge--deleting">GONE</span>
                  ) : row.status === 'UNKNOWN' && !row.detailed ? (
                    <span className="muted">…</span>
                  ) : (
                    <StatusBadge status={row.status} />
                  )}
                </div>
                <div role="cell" className="stream-table__mode">
                  {row.mode === null ? '…' : row.mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'}
                </div>
                <div role="cell" className="stream-table__number">
                  {row.openShards ?? (row.detailed ? '–' : '…')}
                </div>
                <div role="cell" className="stream-table__number">
                  {row.retentionHours === null ? (row.detailed ? '–' : '…') : `${row.retentionHours} h`}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

import { VirtualTable } from '../ui/VirtualTable';
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

/** The stream list: a virtualized table, so ten thousand streams scroll and filter as smoothly as ten. */
export function StreamTable({ rows, sort, onSort, selected, onSelect }: StreamTableProps) {
  return (
    <VirtualTable
      label="Streams"
      bodyLabel="Stream rows; arrow keys move the selection"
      className="stream-table"
      rowClassName="stream-table__row"
      rows={rows}
      rowHeight={ROW_HEIGHT}
      overscan={6}
      selectedIndex={selected ? rows.findIndex((row) => row.name === selected) : -1}
      onSelect={(row) => onSelect(row.name)}
      followSelection
      rowModifiers={(row) => (row.gone ? ['stream-table__row--gone'] : [])}
      header={columns.map((column) => (
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
              onClick={() => onSort({ key: column.key!, direction: sort.key === column.key && sort.direction === 'asc' ? 'desc' : 'asc' })}
            >
              {column.label}
              <span aria-hidden="true">{sort.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
            </button>
          ) : (
            column.label
          )}
        </div>
      ))}
      renderCells={(row) => (
        <>
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
        </>
      )}
    />
  );
}

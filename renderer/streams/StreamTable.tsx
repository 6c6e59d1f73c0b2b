import { memo, useCallback, useMemo } from 'react';
import { sortableColumn } from '../ui/SortButton';
import type { TableColumn } from '../ui/table-columns';
import { VirtualTable } from '../ui/VirtualTable';
import type { StreamSortKey as SortKey, StreamSort as SortState } from '../state/sort-state';
import { StatusBadge } from './StatusBadge';
import type { StreamRow } from '../state/streams-state';

const ROW_HEIGHT = 36;
const goneModifier = (row: StreamRow) => (row.gone ? ['stream-table__row--gone'] : []);

interface StreamTableProps {
  rows: readonly StreamRow[];
  sort: SortState;
  onSort(sort: SortState): void;
  selected: string | null;
  onSelect(name: string): void;
}

/**
 * The stream list: a virtualized table, so ten thousand streams scroll and filter as smoothly as
 * ten. Memoized, so what re-renders the page around it (a summary arriving for the count, the
 * refresh time) does not re-render the table.
 */
export const StreamTable = memo(function StreamTable({ rows, sort, onSort, selected, onSelect }: StreamTableProps) {
  const columns = useMemo((): TableColumn<StreamRow>[] => {
    const sortable = (id: SortKey, label: string) => sortableColumn(id, label, sort, onSort);
    return [
      {
        ...sortable('name', 'Name'),
        rowHeader: true,
        className: 'stream-table__name',
        cell: (row) => (
          <button type="button" className="stream-table__open" onClick={() => onSelect(row.name)}>
            {row.name}
          </button>
        ),
      },
      {
        ...sortable('status', 'Status'),
        width: 100,
        minWidth: 80,
        className: 'stream-table__status',
        cell: (row) =>
          row.gone ? (
            <span className="badge badge--deleting">GONE</span>
          ) : row.status === 'UNKNOWN' && !row.detailed ? (
            <span className="muted">…</span>
          ) : (
            <StatusBadge status={row.status} />
          ),
      },
      {
        id: 'mode',
        label: 'Capacity mode',
        width: 110,
        hideBelow: 640,
        className: 'stream-table__mode',
        cell: (row) => (row.mode === null ? '…' : row.mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'),
      },
      {
        ...sortable('openShards', 'Open shards'),
        width: 100,
        hideBelow: 400,
        className: 'stream-table__number',
        cell: (row) => row.openShards ?? (row.detailed ? '–' : '…'),
      },
      {
        id: 'retention',
        label: 'Retention',
        width: 90,
        hideBelow: 520,
        className: 'stream-table__number',
        cell: (row) => (row.retentionHours === null ? (row.detailed ? '–' : '…') : `${row.retentionHours} h`),
      },
    ];
  }, [sort, onSort, onSelect]);

  const selectRow = useCallback((row: StreamRow) => onSelect(row.name), [onSelect]);
  return (
    <VirtualTable
      tableId="streams"
      label="Streams"
      bodyLabel="Stream rows; arrow keys move the selection"
      className="stream-table"
      rowClassName="stream-table__row"
      columns={columns}
      rows={rows}
      rowHeight={ROW_HEIGHT}
      overscan={6}
      selectedIndex={selected ? rows.findIndex((row) => row.name === selected) : -1}
      onSelect={selectRow}
      followSelection
      rowModifiers={goneModifier}
    />
  );
});

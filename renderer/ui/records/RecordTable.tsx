import { useCallback, useMemo } from 'react';
import { recordText, type PreviewRecord } from '../../../shared/contract';
import { shortShardId } from '../../../shared/format';
import { sortableColumn } from '../SortButton';
import type { TableColumn } from '../table-columns';
import { shownColumnIds } from '../../state/record-columns';
import type { RecordSort, RecordSortKey } from '../../state/sort-state';
import { useAppStore } from '../../state/store';
import { VirtualTable } from '../VirtualTable';

const ROW_HEIGHT = 30;
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });

const oneLine = (text: string) => (text.length > 300 ? text.slice(0, 300) : text).replace(/\s+/g, ' ');

// The data column fills whatever the others leave; the sequence number and the size step aside
// while the table is narrow (the inspector open beside it), so the data stays readable.
const columns: (TableColumn<PreviewRecord> & { id: RecordSortKey })[] = [
  {
    id: 'arrival',
    label: 'Arrival',
    width: 110,
    className: 'mono',
    cell: (r) => <span title={r.arrivalTime}>{time.format(new Date(r.arrivalTime))}</span>,
  },
  {
    id: 'shard',
    label: 'Shard',
    width: 48,
    hideBelow: 520,
    className: 'mono',
    cell: (r) => <span title={r.shardId}>{shortShardId(r.shardId)}</span>,
  },
  {
    id: 'sequence',
    label: 'Sequence number',
    width: 110,
    hideBelow: 760,
    className: 'mono record-table__seq',
    cell: (r) => (
      <span title={r.sequenceNumber}>
        …{r.sequenceNumber.slice(-8)}
        {r.subSequenceNumber !== null ? `/${r.subSequenceNumber}` : ''}
      </span>
    ),
  },
  {
    id: 'key',
    label: 'Partition key',
    width: 120,
    rowHeader: true,
    className: 'mono record-table__key',
    cell: (r) => (
      <button type="button" className="stream-table__open">
        {r.partitionKey}
      </button>
    ),
  },
  { id: 'size', label: 'Size', width: 70, hideBelow: 620, className: 'stream-table__number', cell: (r) => `${r.size} B` },
  {
    id: 'data',
    label: 'Data',
    className: 'mono record-table__data',
    cell: (r) => (
      <span className={`record-table__data--${r.encoding}`}>
        {r.error && (
          <span className="badge badge--deleting" title={r.error}>
            raw
          </span>
        )}{' '}
        {r.compression && <span className="badge">{r.compression}</span>}{' '}
        {r.masked && (
          <span className="badge" title="Masking rules changed or withheld values of this record">
            masked
          </span>
        )}{' '}
        {r.encoding === 'binary' ? `binary · ${recordText(r).slice(0, 60)}` : oneLine(recordText(r))}
      </span>
    ),
  },
];

/** What each column is called, for the column chooser. */
export const recordColumnLabels: Readonly<Record<RecordSortKey, string>> = Object.fromEntries(
  columns.map((column) => [column.id, column.label]),
) as Record<RecordSortKey, string>;

/**
 * Every buffered record as a virtualized table; only the rows in view are in the DOM. Given a sort,
 * each header sorts by its column (the records are passed in that order). The columns are the ones
 * chosen for the stream, in the order chosen.
 */
export function RecordTable({
  stream,
  records,
  selectedId,
  onSelect,
  sort,
  onSort,
}: {
  stream: string;
  records: readonly PreviewRecord[];
  selectedId: string | null;
  onSelect(id: string): void;
  sort?: RecordSort;
  onSort?(sort: RecordSort): void;
}) {
  const selectRow = useCallback((r: PreviewRecord) => onSelect(r.id), [onSelect]);
  const choice = useAppStore((s) => s.recordColumns[stream]);
  const shown = useMemo(() => {
    const chosen = shownColumnIds(choice).map((id) => columns.find((column) => column.id === id)!);
    return sort && onSort ? chosen.map((column) => ({ ...column, ...sortableColumn(column.id, column.label, sort, onSort) })) : chosen;
  }, [choice, sort, onSort]);
  return (
    <VirtualTable
      tableId="records"
      label="Records"
      bodyLabel="Record rows; arrow keys move the selection"
      className="stream-table record-table"
      rowClassName="record-table__row"
      columns={shown}
      rows={records}
      rowHeight={ROW_HEIGHT}
      overscan={8}
      selectedIndex={selectedId ? records.findIndex((r) => r.id === selectedId) : -1}
      onSelect={selectRow}
    />
  );
}

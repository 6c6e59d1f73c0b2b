import { useCallback } from 'react';
import type { AuditListEntry } from '../state/audit-state';
import type { TableColumn } from '../ui/table-columns';
import { VirtualTable } from '../ui/VirtualTable';
import { actionInWords, localTime, outcomeLine, outcomeWords, whoLine } from './audit-words';

const ROW_HEIGHT = 36;

const columns: TableColumn<AuditListEntry>[] = [
  {
    id: 'time',
    label: 'Time',
    width: 170,
    className: 'stream-table__name',
    cell: (e) => <time dateTime={e.at}>{localTime(e.at)}</time>,
  },
  {
    id: 'action',
    label: 'Action',
    width: 150,
    rowHeader: true,
    className: 'stream-table__name',
    // A button, so Tab and Enter reach a row as a click does; the row's click opens it.
    cell: (e) => (
      <button type="button" className="audit-table__open" title={e.action}>
        {actionInWords(e.action)}
      </button>
    ),
  },
  { id: 'who', label: 'Who', width: 170, hideBelow: 720, className: 'stream-table__name', cell: (e) => whoLine(e.who) },
  {
    id: 'account',
    label: 'Account',
    width: 120,
    hideBelow: 980,
    className: 'stream-table__name mono',
    cell: (e) => <span title={e.who.arn ?? e.who.identityUnknown}>{e.who.account ?? '—'}</span>,
  },
  { id: 'summary', label: 'Summary', className: 'stream-table__name', cell: (e) => <span title={e.what.summary}>{e.what.summary}</span> },
  {
    id: 'outcome',
    label: 'Outcome',
    width: 200,
    className: 'stream-table__name',
    cell: (e) => (
      <span title={outcomeLine(e.outcome)}>
        <span className={`badge audit-outcome audit-outcome--${e.outcome.status}`}>{outcomeWords[e.outcome.status]}</span>{' '}
        {e.outcome.error?.message ?? e.outcome.summary}
      </span>
    ),
  },
];

/** The log, newest first, virtualized: a long log keeps only the rows in view in the DOM. */
export function AuditTable({
  entries,
  selectedLine,
  onSelect,
}: {
  entries: readonly AuditListEntry[];
  selectedLine: number | null;
  onSelect(line: number): void;
}) {
  const selectRow = useCallback((e: AuditListEntry) => onSelect(e.line), [onSelect]);
  return (
    <VirtualTable
      tableId="audit"
      label="Audit entries"
      bodyLabel="Audit entries, newest first; arrow keys move the selection"
      className="stream-table audit-table"
      rowClassName="stream-table__row"
      columns={columns}
      rows={entries}
      rowHeight={ROW_HEIGHT}
      overscan={8}
      selectedIndex={selectedLine === null ? -1 : entries.findIndex((e) => e.line === selectedLine)}
      onSelect={selectRow}
      rowModifiers={(e) => (e.outcome.status === 'succeeded' ? [] : [`audit-table__row--${e.outcome.status}`])}
    />
  );
}

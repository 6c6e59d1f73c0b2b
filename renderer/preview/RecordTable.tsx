import type { PreviewRecord } from '../../shared/contract';
import { shortShardId } from '../../shared/format';
import { VirtualTable } from '../ui/VirtualTable';

const ROW_HEIGHT = 30;
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });
const columns = ['Arrival', 'Shard', 'Sequence number', 'Partition key', 'Size', 'Data'];

const oneLine = (text: string) => (text.length > 300 ? text.slice(0, 300) : text).replace(/\s+/g, ' ');

/** Every buffered record as a virtualized table; only the rows in view are in the DOM. */
export function RecordTable({
  records,
  selectedId,
  onSelect,
}: {
  records: readonly PreviewRecord[];
  selectedId: string | null;
  onSelect(id: string): void;
}) {
  return (
    <VirtualTable
      label="Records"
      bodyLabel="Record rows; arrow keys move the selection"
      className="stream-table record-table"
      rowClassName="record-table__row"
      rows={records}
      rowHeight={ROW_HEIGHT}
      overscan={8}
      selectedIndex={selectedId ? records.findIndex((r) => r.id === selectedId) : -1}
      onSelect={(r) => onSelect(r.id)}
      header={columns.map((c) => (
        <div key={c} role="columnheader">
          {c}
        </div>
      ))}
      renderCells={(r) => (
        <>
          <div role="cell" className="mono" title={r.arrivalTime}>
            {time.format(new Date(r.arrivalTime))}
          </div>
          <div role="cell" className="mono" title={r.shardId}>
            {shortShardId(r.shardId)}
          </div>
          <div role="cell" className="mono record-table__seq" title={r.sequenceNumber}>
            …{r.sequenceNumber.slice(-8)}
            {r.subSequenceNumber !== null ? `/${r.subSequenceNumber}` : ''}
          </div>
          <div role="rowheader" className="mono record-table__key">
            <button type="button" className="stream-table__open" onClick={() => onSelect(r.id)}>
              {r.partitionKey}
            </button>
          </div>
          <div role="cell" className="stream-table__number">
            {r.size} B
          </div>
          <div role="cell" className={`mono record-table__data record-table__data--${r.encoding}`}>
            {r.error && (
              <span className="badge badge--deleting" title={r.error}>
                raw
              </span>
            )}{' '}
            {r.compression && <span className="badge">{r.compression}</span>}{' '}
            {r.encoding === 'binary' ? `binary · ${r.text.slice(0, 60)}` : oneLine(r.text)}
          </div>
        </>
      )}
    />
  );
}

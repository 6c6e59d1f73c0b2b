import type { PreviewRecord } from '../../shared/contract';
import { useVirtualRows } from '../ui/useVirtualRows';

const ROW_HEIGHT = 30;
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });
const columns = ['Arrival', 'Shard', 'Sequence number', 'Partition key', 'Size', 'Data'];

const shortShard = (id: string) => id.replace(/^shardId-0*(?=\d)/, '#');
const oneLine = (text: string) => (text.length > 300 ? text.slice(0, 300) : text).replace(/\s+/g, ' ');

/** Every buffered record as an ARIA table; only the rows in view are in the DOM. */
export function RecordTable({
  records,
  selectedId,
  onSelect,
}: {
  records: readonly PreviewRecord[];
  selectedId: string | null;
  onSelect(id: string): void;
}) {
  const selectedIndex = selectedId ? records.findIndex((r) => r.id === selectedId) : -1;
  const { scroller, virtualizer, onKeyDown } = useVirtualRows(records, {
    rowHeight: ROW_HEIGHT,
    overscan: 8,
    selectedIndex,
    onSelect: (r) => onSelect(r.id),
  });

  return (
    <div className="stream-table record-table" role="table" aria-label="Records" aria-rowcount={records.length + 1}>
      <div role="rowgroup" className="stream-table__head">
        <div role="row" className="record-table__row" aria-rowindex={1}>
          {columns.map((c) => (
            <div key={c} role="columnheader">
              {c}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="stream-table__body"
        role="rowgroup"
        tabIndex={0}
        aria-label="Record rows; arrow keys move the selection"
        onKeyDown={onKeyDown}
      >
        <div className="stream-table__spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const r = records[item.index]!;
            return (
              // Keyed by position: as records stream in, rows in view are updated, not rebuilt.
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={r.id === selectedId}
                className={r.id === selectedId ? 'record-table__row record-table__row--selected' : 'record-table__row'}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(r.id)}
              >
                <div role="cell" className="mono" title={r.arrivalTime}>
                  {time.format(new Date(r.arrivalTime))}
                </div>
                <div role="cell" className="mono" title={r.shardId}>
                  {shortShard(r.shardId)}
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
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

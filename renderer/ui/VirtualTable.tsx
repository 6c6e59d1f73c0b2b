import { useEffect, type ReactNode } from 'react';
import { useVirtualRows } from './useVirtualRows';

export interface VirtualTableProps<T> {
  /** The table's accessible name, e.g. "Streams". */
  label: string;
  /** The body's accessible name, which tells keyboard users how to move. */
  bodyLabel: string;
  className: string;
  /** The row class; `--selected` is added to it for the selected row. */
  rowClassName: string;
  /** The header cells (role="columnheader"). */
  header: ReactNode;
  rows: readonly T[];
  rowHeight: number;
  overscan: number;
  selectedIndex: number;
  onSelect(row: T): void;
  /** The cells of one row (role="rowheader" / "cell"). */
  renderCells(row: T): ReactNode;
  /** Extra modifier classes for a row. */
  rowModifiers?(row: T): string[];
  /** Scroll the selection into view when it changes from outside (a click elsewhere, a link). */
  followSelection?: boolean;
}

/**
 * An ARIA table whose body is virtualized (@tanstack/react-virtual): only the rows in view exist
 * in the DOM, Up/Down move the selection, and rows are keyed by position, so when the data under
 * them changes (a filter keystroke, records streaming in) React updates the rows in view instead
 * of rebuilding them. The stream list and the record tables are this component.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { rows, selectedIndex, rowClassName } = props;
  const { scroller, virtualizer, onKeyDown } = useVirtualRows(rows, {
    rowHeight: props.rowHeight,
    overscan: props.overscan,
    selectedIndex,
    onSelect: props.onSelect,
  });

  useEffect(() => {
    if (props.followSelection && selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [props.followSelection, selectedIndex, virtualizer]);

  return (
    <div className={props.className} role="table" aria-label={props.label} aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className="stream-table__head">
        <div role="row" className={rowClassName} aria-rowindex={1}>
          {props.header}
        </div>
      </div>
      <div ref={scroller} className="stream-table__body" role="rowgroup" tabIndex={0} aria-label={props.bodyLabel} onKeyDown={onKeyDown}>
        <div className="stream-table__spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const selected = item.index === selectedIndex;
            const classes = [rowClassName, selected && `${rowClassName}--selected`, ...(props.rowModifiers?.(row) ?? [])]
              .filter(Boolean)
              .join(' ');
            return (
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={classes}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => props.onSelect(row)}
              >
                {props.renderCells(row)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

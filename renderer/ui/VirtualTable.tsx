import { memo, useEffect, type CSSProperties, type ReactElement } from 'react';
import { ColumnResizer } from './ColumnResizer';
import type { TableColumn } from './table-columns';
import { useColumnLayout } from './useColumnLayout';
import { useVirtualRows } from './useVirtualRows';

export interface VirtualTableProps<T> {
  /** Where this table's column widths are kept, e.g. "streams". */
  tableId: string;
  /** The table's accessible name, e.g. "Streams". */
  label: string;
  /** The body's accessible name, which tells keyboard users how to move. */
  bodyLabel: string;
  className: string;
  /** The row class; `--selected` is added to it for the selected row. */
  rowClassName: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowHeight: number;
  overscan: number;
  selectedIndex: number;
  /** Kept stable by the caller (useCallback): rows whose data has not changed then skip rendering. */
  onSelect(row: T): void;
  /** Extra modifier classes for a row. */
  rowModifiers?(row: T): string[];
  /** Scroll the selection into view when it changes from outside (a click elsewhere, a link). */
  followSelection?: boolean;
}

/**
 * An ARIA table whose body is virtualized (@tanstack/react-virtual): only the rows in view exist
 * in the DOM, Up/Down move the selection, and rows are keyed by position, so when the data under
 * them changes (a filter keystroke, records streaming in) React updates the rows in view instead
 * of rebuilding them. Columns can be resized from their headers; one column fills the rest. The
 * stream list and the record tables are this component.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { rows, selectedIndex, rowClassName } = props;
  const { table, shown, template, widthOf, resize, reset } = useColumnLayout(props.tableId, props.columns);
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
    <div
      ref={table}
      className={props.className}
      role="table"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      style={{ '--table-columns': template } as CSSProperties}
    >
      <div role="rowgroup" className="stream-table__head">
        <div role="row" className={rowClassName} aria-rowindex={1}>
          {shown.map((column) => (
            <div
              key={column.id}
              role="columnheader"
              aria-label={column.label}
              className={`table-header ${column.className ?? ''}`}
              aria-sort={column.ariaSort}
            >
              <span className="table-header__label">{column.header ?? column.label}</span>
              {column.width !== undefined && (
                <ColumnResizer
                  label={column.label}
                  width={widthOf(column)}
                  minWidth={column.minWidth}
                  onResize={(px) => resize(column, px)}
                  onReset={() => reset(column)}
                />
              )}
            </div>
          ))}
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
              <VirtualRow
                key={item.index}
                row={row}
                index={item.index}
                selected={selected}
                start={item.start}
                className={classes}
                columns={shown}
                onSelect={props.onSelect}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface VirtualRowProps<T> {
  row: T;
  index: number;
  selected: boolean;
  start: number;
  className: string;
  columns: readonly TableColumn<T>[];
  onSelect(row: T): void;
}

/**
 * One row in view. Memoized, so a filter keystroke that leaves a row's data where it was (most
 * keystrokes leave the top of the list alone) costs that row nothing.
 */
const VirtualRow = memo(function VirtualRow<T>({ row, index, selected, start, className, columns, onSelect }: VirtualRowProps<T>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={className}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onSelect(row)}
    >
      {columns.map((column) => (
        <div key={column.id} role={column.rowHeader ? 'rowheader' : 'cell'} className={column.className} data-column={column.id}>
          {column.cell(row)}
        </div>
      ))}
    </div>
  );
}) as <T>(props: VirtualRowProps<T>) => ReactElement;

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { clampWidth, gridTemplate, parseWidths, visibleColumns, type TableColumn } from './table-columns';

const storageKey = (tableId: string) => `shardscope.columns.${tableId}`;

/**
 * The columns of one table as the user left them: widths they dragged are kept in this browser
 * profile per table, and columns marked `hideBelow` step aside while the table is narrow, so the
 * column that fills (a record's data, a stream's name) keeps its room when a detail pane opens.
 */
export function useColumnLayout<T>(tableId: string, columns: readonly TableColumn<T>[]) {
  const table = useRef<HTMLDivElement>(null);
  const [tableWidth, setTableWidth] = useState<number | null>(null);
  const [widths, setWidths] = useState<Record<string, number>>(() => parseWidths(localStorage.getItem(storageKey(tableId)), columns));

  useLayoutEffect(() => {
    const element = table.current;
    if (!element) return;
    setTableWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => setTableWidth(Math.round(entry!.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A few bytes a frame while dragging: cheaper than any scheme that could lose the last width.
  useEffect(() => {
    if (Object.keys(widths).length === 0) localStorage.removeItem(storageKey(tableId));
    else localStorage.setItem(storageKey(tableId), JSON.stringify(widths));
  }, [tableId, widths]);

  // The same array while the same columns are shown, so resizing a pane does not re-render rows.
  const shownIds = visibleColumns(columns, tableWidth)
    .map((column) => column.id)
    .join(' ');
  const shown = useMemo(() => columns.filter((column) => shownIds.split(' ').includes(column.id)), [columns, shownIds]);
  const template = useMemo(() => gridTemplate(shown, widths), [shown, widths]);

  const resize = useCallback(
    (column: TableColumn<T>, px: number) => setWidths((current) => ({ ...current, [column.id]: clampWidth(column, px) })),
    [],
  );
  const reset = useCallback(
    (column: TableColumn<T>) =>
      setWidths((current) => {
        const { [column.id]: _dropped, ...rest } = current;
        return rest;
      }),
    [],
  );
  const widthOf = (column: TableColumn<T>) => clampWidth(column, widths[column.id] ?? column.width ?? 0);

  return { table, shown, template, widthOf, resize, reset };
}

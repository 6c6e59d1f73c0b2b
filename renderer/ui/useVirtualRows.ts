import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';

/**
 * A virtualized list body with arrow-key selection: only the rows in view exist in the DOM,
 * and Up/Down move the selection and keep it in view.
 */
export function useVirtualRows<T>(
  rows: readonly T[],
  options: { rowHeight: number; overscan: number; selectedIndex: number; onSelect(row: T): void },
) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => options.rowHeight,
    overscan: options.overscan,
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const next = Math.max(0, Math.min(rows.length - 1, options.selectedIndex + (event.key === 'ArrowDown' ? 1 : -1)));
    const row = rows[next];
    if (row === undefined) return;
    options.onSelect(row);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  return { scroller, virtualizer, onKeyDown };
}

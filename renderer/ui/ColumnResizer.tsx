import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './table-columns';

const STEP = 16;
const BIG_STEP = 64;

/**
 * The handle at a column header's right edge: drag it, or focus it and use Left/Right (Shift for
 * bigger steps); Enter or a double click gives the column its starting width back.
 */
export function ColumnResizer({
  label,
  width,
  minWidth = MIN_COLUMN_WIDTH,
  onResize,
  onReset,
}: {
  label: string;
  width: number;
  minWidth?: number;
  onResize(px: number): void;
  onReset(): void;
}) {
  const drag = useRef<{ pointer: number; startX: number; startWidth: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointer: event.pointerId, startX: event.clientX, startWidth: width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current || current.pointer !== event.pointerId) return;
    onResize(current.startWidth + event.clientX - current.startX);
  };
  const onPointerEnd = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointer === event.pointerId) drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    if (event.key === 'ArrowLeft') onResize(width - step);
    else if (event.key === 'ArrowRight') onResize(width + step);
    else if (event.key === 'Enter') onReset();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column ${label}`}
      aria-valuenow={width}
      aria-valuemin={minWidth}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      className="column-resizer"
      title="Drag, or Left/Right; Enter or double click for the starting width"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onDoubleClick={onReset}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={onKeyDown}
    />
  );
}

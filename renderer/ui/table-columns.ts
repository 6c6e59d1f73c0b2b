import type { ReactNode } from 'react';

/** One column of a VirtualTable. */
export interface TableColumn<T> {
  id: string;
  /** What the column is called: its header text and the resize handle's name. */
  label: string;
  /** The header's content when it is more than the label (a sort button). */
  header?: ReactNode;
  /** Starting width in px. The one column without a width fills what the others leave. */
  width?: number;
  minWidth?: number;
  /** Left out when the table is narrower than this many px (a detail pane open beside it). */
  hideBelow?: number;
  /** The cell that names the row (a screen reader announces it with every other cell). */
  rowHeader?: boolean;
  className?: string;
  ariaSort?: 'ascending' | 'descending';
  cell(row: T): ReactNode;
}

export type ColumnWidths = Readonly<Record<string, number>>;

export const MIN_COLUMN_WIDTH = 40;
/** The filling column never gets narrower than this, however wide the others are made. */
export const MIN_FILL_WIDTH = 120;
export const MAX_COLUMN_WIDTH = 1200;

export const clampWidth = (column: Pick<TableColumn<unknown>, 'minWidth'>, px: number) =>
  Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(column.minWidth ?? MIN_COLUMN_WIDTH, px)));

/** The columns shown at this table width: a column with `hideBelow` goes when the table is narrower. */
export function visibleColumns<T>(columns: readonly TableColumn<T>[], tableWidth: number | null): TableColumn<T>[] {
  // Before the first measurement every column is shown, so nothing jumps in on a wide window.
  if (tableWidth === null) return [...columns];
  return columns.filter((column) => column.hideBelow === undefined || tableWidth >= column.hideBelow);
}

/**
 * The CSS grid tracks of a row. The filling column first gets its minimum, then fixed columns
 * grow to the widths they were given, then the filling column takes the rest: a column widened
 * on a wide window gives its extra back when the table narrows (never below its starting width),
 * so nothing is pushed past the table's edge.
 */
export function gridTemplate(columns: readonly TableColumn<unknown>[], widths: ColumnWidths): string {
  return columns
    .map((column) => {
      if (column.width === undefined) return `minmax(${Math.max(column.minWidth ?? 0, MIN_FILL_WIDTH)}px, 1fr)`;
      const width = clampWidth(column, widths[column.id] ?? column.width);
      return width <= column.width ? `${width}px` : `minmax(${column.width}px, ${width}px)`;
    })
    .join(' ');
}

/** Widths kept from an earlier visit, with anything that is not a sane width for a known column dropped. */
export function parseWidths(stored: string | null, columns: readonly TableColumn<unknown>[]): Record<string, number> {
  if (!stored) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const widths: Record<string, number> = {};
  for (const column of columns) {
    const value = (parsed as Record<string, unknown>)[column.id];
    if (column.width !== undefined && typeof value === 'number' && Number.isFinite(value)) widths[column.id] = clampWidth(column, value);
  }
  return widths;
}

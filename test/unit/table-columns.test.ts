import { describe, expect, it } from 'vitest';
import { gridTemplate, MIN_FILL_WIDTH, parseWidths, visibleColumns, type TableColumn } from '../../renderer/ui/table-columns';

const cell = () => null;
const columns: TableColumn<unknown>[] = [
  { id: 'arrival', label: 'Arrival', width: 110, cell },
  { id: 'sequence', label: 'Sequence number', width: 110, hideBelow: 760, cell },
  { id: 'size', label: 'Size', width: 70, minWidth: 50, hideBelow: 620, cell },
  { id: 'data', label: 'Data', cell },
];

describe('the columns of a table', () => {
  it('gives fixed columns their widths and the data column what is left, never under its minimum', () => {
    expect(gridTemplate(columns, {})).toBe(`110px 110px 70px minmax(${MIN_FILL_WIDTH}px, 1fr)`);
    // Widened: at least the starting width, at most the chosen one, as the table allows.
    expect(gridTemplate(columns, { arrival: 200, size: 3 })).toBe(`minmax(110px, 200px) 110px 50px minmax(${MIN_FILL_WIDTH}px, 1fr)`);
  });

  it('lets the expendable columns step aside as the table narrows, and shows all before it is measured', () => {
    const ids = (width: number | null) => visibleColumns(columns, width).map((c) => c.id);
    expect(ids(null)).toEqual(['arrival', 'sequence', 'size', 'data']);
    expect(ids(1000)).toEqual(['arrival', 'sequence', 'size', 'data']);
    expect(ids(700)).toEqual(['arrival', 'size', 'data']);
    expect(ids(500)).toEqual(['arrival', 'data']);
  });

  it('keeps only sane stored widths of known, resizable columns', () => {
    expect(parseWidths(JSON.stringify({ arrival: 150, data: 500, gone: 90, size: 'wide', sequence: 1e9 }), columns)).toEqual({
      arrival: 150,
      sequence: 1200,
    });
    expect(parseWidths('not json', columns)).toEqual({});
    expect(parseWidths('null', columns)).toEqual({});
    expect(parseWidths(null, columns)).toEqual({});
  });
});

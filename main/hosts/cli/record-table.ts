import stringWidth from 'string-width';
import { visible } from './terminal-text';

/** The widest a column other than the last grows (a sequence number is 56 digits); past it a cell is cut with "…". */
const MAX_COLUMN = 60;
/** The last column is not padded, but a screen of one record's data helps nobody. */
const MAX_LAST = 200;

function cut(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (stringWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** A cell as one line of visible text: controls escaped (it is for a terminal), runs of blanks as one space. */
export function tableCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return visible(text.replace(/[\t\n\r ]+/g, ' '));
}

/**
 * A table written as records come (a tail has no last row to measure): the column widths are
 * set by the header and the first row, within MAX_COLUMN, and later cells are cut to them.
 * Widths are terminal cells (string-width), so wide characters and emoji keep the columns straight.
 */
export class StreamingTable {
  private widths: number[] | null = null;

  constructor(private readonly columns: readonly string[]) {}

  /** The lines to print for this row: the header and a rule before the first. */
  row(cells: readonly string[]): string {
    let head = '';
    if (!this.widths) {
      this.widths = this.columns.map((name, i) => Math.min(MAX_COLUMN, Math.max(stringWidth(name), stringWidth(cells[i] ?? ''))));
      head = `${this.line(this.columns)}\n${this.line(this.widths.map((w) => '─'.repeat(w)))}\n`;
    }
    return `${head}${this.line(cells)}\n`;
  }

  private line(cells: readonly string[]): string {
    const widths = this.widths!;
    return cells
      .map((cell, i) => (i === widths.length - 1 ? cut(cell, MAX_LAST) : pad(cut(cell, widths[i]!), widths[i]!)))
      .join('  ')
      .trimEnd();
  }
}

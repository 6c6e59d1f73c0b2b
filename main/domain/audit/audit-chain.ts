import { createHash } from 'node:crypto';
import { auditEntrySchema, type AuditEntry } from '../../../shared/contract';

/** What the first entry of a log names as its previous line. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** The hash the next entry carries: of the line exactly as written, without its newline. */
export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

/** The count and last line's hash as the last writer left them, so a cut or edited last line is seen too. */
export interface AuditHead {
  lines: number;
  last: string;
}

export type ChainCheck = { ok: true; lines: number } | { ok: false; lines: number; broken: { line: number; reason: string } };

/**
 * Walks the chain line by line. A line whose `previous` is not the hash of the line before it
 * breaks it: the line before was edited, or lines between were removed. The head catches what no later line can: the last line edited or cut.
 */
export function checkChain(lines: readonly string[], head: AuditHead | null): ChainCheck {
  let expected = AUDIT_GENESIS;
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    const entry = parseEntry(line);
    if (!entry) return broken(lines, number, `line ${number} is not an audit entry (it was edited or cut short)`);
    // A removed line and an edited one look alike here: either way the hash this line names is gone.
    if (entry.previous !== expected)
      return broken(
        lines,
        number,
        number === 1
          ? 'line 1 is not the start of the log: lines before it were removed'
          : `line ${number} does not follow line ${number - 1}: line ${number - 1} was edited, or lines between them were removed`,
      );
    expected = lineHash(line);
  }
  if (head) {
    if (head.lines > lines.length)
      return broken(lines, lines.length + 1, `the log ends at line ${lines.length} but ${head.lines} were written: the last were removed`);
    // One line past the head: a writer stopped between its append and the head's update, which the next entry mends.
    const headLine = lines[head.lines - 1];
    if (head.lines > 0 && (headLine === undefined || lineHash(headLine) !== head.last))
      return broken(lines, head.lines, `line ${head.lines} was edited after it was written`);
    if (lines.length > head.lines + 1)
      return broken(lines, head.lines + 2, `lines from ${head.lines + 2} on were added by something other than Shardscope`);
  }
  return { ok: true, lines: lines.length };
}

function parseEntry(line: string): AuditEntry | null {
  try {
    const parsed = auditEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function parseAuditLine(line: string): AuditEntry | null {
  return parseEntry(line);
}

function broken(lines: readonly string[], line: number, reason: string): ChainCheck {
  return { ok: false, lines: lines.length, broken: { line, reason } };
}

import { RE2JS } from 're2js';
import type { PreviewRecord } from '../../shared/contract';

export interface RecordFilter {
  text: string;
  regex: boolean;
  /** e.g. `status = "FAILED"`, `total.amount > 100`, `page ~ product` */
  field: string;
}

type FieldTest = (record: PreviewRecord) => boolean;
export type CompiledFilter = { ok: true; test: FieldTest } | { ok: false; error: string };

function valueAt(json: unknown, path: string[]): unknown {
  let value = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function literal(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Turns the filter fields into one test; a malformed regex or field expression says what is wrong. */
export function compileFilter(filter: RecordFilter): CompiledFilter {
  const tests: FieldTest[] = [];
  if (filter.text.trim()) {
    if (filter.regex) {
      // RE2 semantics (linear time): a stranger's record cannot stall this page with a pattern like (a+)+$.
      let pattern: RE2JS;
      try {
        pattern = RE2JS.compile(filter.text, RE2JS.CASE_INSENSITIVE);
      } catch (error) {
        return { ok: false, error: `Not a valid regular expression (RE2 syntax): ${(error as Error).message}` };
      }
      tests.push((r) => pattern.test(r.text) || pattern.test(r.partitionKey));
    } else {
      const needle = filter.text.toLowerCase();
      tests.push((r) => r.text.toLowerCase().includes(needle) || r.partitionKey.toLowerCase().includes(needle));
    }
  }
  if (filter.field.trim()) {
    const match = /^\s*([\w$.-]+)\s*(=|!=|~|>=|<=|>|<)\s*(.+?)\s*$/.exec(filter.field);
    if (!match) return { ok: false, error: 'A field filter looks like: status = "FAILED", total.amount > 100, or page ~ product' };
    const [, path, op, raw] = match as unknown as [string, string, string, string];
    const expected = literal(raw);
    const keys = path.split('.');
    tests.push((r) => {
      if (r.json === undefined) return false;
      const actual = valueAt(r.json, keys);
      switch (op) {
        case '=':
          return JSON.stringify(actual) === JSON.stringify(expected);
        case '!=':
          return JSON.stringify(actual) !== JSON.stringify(expected);
        case '~':
          return (
            actual !== undefined &&
            String(typeof actual === 'object' ? JSON.stringify(actual) : actual)
              .toLowerCase()
              .includes(String(expected).toLowerCase())
          );
        default: {
          const [a, b] = [Number(actual), Number(expected)];
          if (Number.isNaN(a) || Number.isNaN(b)) return false;
          return op === '>' ? a > b : op === '<' ? a < b : op === '>=' ? a >= b : a <= b;
        }
      }
    });
  }
  return { ok: true, test: (record) => tests.every((t) => t(record)) };
}

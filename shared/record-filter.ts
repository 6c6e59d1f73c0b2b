import { RE2JS } from 're2js';
import { recordText, type PreviewRecord } from './contract';
import { compileCel, looksLikeExpression, looksLikeText, type RecordContext } from './cel';

/** The live preview's filters; `tail` applies a saved view's the same way. */
export interface RecordFilter {
  text: string;
  regex: boolean;
  /** A CEL expression, as in Search: `data.status == "FAILED"`, `data.total.amount > 100`. */
  field: string;
}

type FieldTest = (record: PreviewRecord) => boolean;
/** hint: a filter that works but was probably typed into the wrong field. */
export type CompiledFilter = { ok: true; test: FieldTest; hint: string | null } | { ok: false; error: string };

/** What the preview's expression sees of a record: the names Search gives it, over what the preview holds. */
function contextOf(record: PreviewRecord): RecordContext {
  return {
    data: record.json !== undefined ? record.json : recordText(record),
    partitionKey: record.partitionKey,
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    subSequenceNumber: record.subSequenceNumber ?? -1,
    arrivalTime: new Date(record.arrivalTime),
    size: record.size,
  };
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
      tests.push((r) => pattern.test(recordText(r)) || pattern.test(r.partitionKey));
    } else {
      const needle = filter.text.toLowerCase();
      tests.push((r) => recordText(r).toLowerCase().includes(needle) || r.partitionKey.toLowerCase().includes(needle));
    }
  }
  if (filter.field.trim()) {
    let evaluate: ReturnType<typeof compileCel>;
    try {
      evaluate = compileCel(filter.field);
    } catch (error) {
      const plain = looksLikeText(filter.field) ? ' To find words anywhere in a record, type them in the text filter.' : '';
      return { ok: false, error: `${(error as Error).message}${plain}` };
    }
    tests.push((r) => evaluate(contextOf(r)) === 'match');
  }
  const hint =
    !filter.regex && looksLikeExpression(filter.text)
      ? 'The text filter finds these characters as typed; an expression such as data.status == "FAILED" goes in the expression field.'
      : null;
  return { ok: true, test: (record) => tests.every((t) => t(record)), hint };
}

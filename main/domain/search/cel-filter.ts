import { CelError, compileCel, type RecordContext, type Verdict } from '../../../shared/cel';
import type { DecodedRecord } from '../engine/decode/record';
import { AppError } from '../../core/app-error';

export type { Verdict } from '../../../shared/cel';

/** What an expression sees of a record; nothing else is in reach (CEL has no I/O and bounded cost). */
function contextOf(record: DecodedRecord): RecordContext {
  return {
    data: record.encoding === 'binary' ? new Uint8Array(record.value as Buffer) : record.value,
    partitionKey: record.partitionKey,
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    subSequenceNumber: record.subSequenceNumber ?? -1,
    arrivalTime: new Date(record.arrivalTime),
    size: record.size,
  };
}

/**
 * The expression language Search and the preview share (shared/cel), over decoded records. Any
 * failure on a record (a field of the wrong type, say) is that record's error, counted and
 * skipped, and never ends the search.
 */
export function compileFilter(expression: string): (record: DecodedRecord) => Verdict {
  let evaluate: ReturnType<typeof compileCel>;
  try {
    evaluate = compileCel(expression);
  } catch (error) {
    throw error instanceof CelError ? new AppError('invalid-input', error.message) : error;
  }
  return (record) => evaluate(contextOf(record));
}

/** Compiles without evaluating: the message (with its position) for a form, before anything is read. */
export function checkExpression(expression: string): { ok: boolean; message: string | null } {
  try {
    compileFilter(expression);
    return { ok: true, message: null };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

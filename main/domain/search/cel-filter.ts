import { Environment } from '@marcbachmann/cel-js';
import type { DecodedRecord } from '../decode/record';
import { AppError } from '../../core/app-error';
import { compilePattern, RE2_MATCHES, rewriteMatches } from './cel-regex';

const environment = new Environment({ unlistedVariablesAreDyn: true }).registerFunction(
  `${RE2_MATCHES}(string, string): bool`,
  (subject: string, pattern: string) => compilePattern(pattern).test(subject),
);

export type Verdict = 'match' | 'no-match' | { error: string };

/** What an expression sees of a record; nothing else is in reach (CEL has no I/O and bounded cost). */
function contextOf(record: DecodedRecord): Record<string, unknown> {
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
 * A CEL expression (`@marcbachmann/cel-js`), compiled once. A record whose data lacks a field the
 * expression reads does not match; any other failure on a record (a field of the wrong type, say)
 * is that record's error, counted and skipped, and never ends the search.
 */
export function compileFilter(expression: string): (record: DecodedRecord) => Verdict {
  let evaluate: ReturnType<typeof environment.parse>;
  try {
    const parsed = environment.parse(expression);
    const rewritten = rewriteMatches(expression, parsed.ast);
    evaluate = rewritten === expression ? parsed : environment.parse(rewritten);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid-input', `The expression does not compile: ${(error as Error).message}`);
  }
  return (record) => {
    try {
      return evaluate(contextOf(record)) === true ? 'match' : 'no-match';
    } catch (error) {
      const message = (error as Error).message;
      return /^No such key/.test(message) ? 'no-match' : { error: message.split('\n')[0]! };
    }
  };
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

import jsonata from 'jsonata';
import { AppError } from '../../core/app-error';

/** A compiled --query: the value to print for one record object, or why it could not be had. */
export type RecordQuery = (record: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; reason: string }>;

/**
 * --query EXPR: a JSONata expression over the object `--output json` prints for a record, like the
 * AWS CLI's --query. Compiled before anything is read, so a mistake is reported with its position
 * and nothing is printed. A path that finds nothing gives null (one result per record, always).
 */
export function compileQuery(expression: string): RecordQuery {
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expression);
  } catch (error) {
    const { message, position } = error as { message: string; position?: number };
    const at = position !== undefined ? ` at character ${position}` : '';
    throw new AppError(
      'invalid-input',
      `--query is not a JSONata expression${at}: ${message}\n  ${expression}${position !== undefined ? `\n  ${' '.repeat(Math.max(0, position - 1))}^` : ''}`,
    );
  }
  return async (record) => {
    try {
      const value: unknown = await compiled.evaluate(record);
      // JSONata builds objects without a prototype and marks sequences: plain JSON from here on.
      return { ok: true, value: value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown) };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  };
}

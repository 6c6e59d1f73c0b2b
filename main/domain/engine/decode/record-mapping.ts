import jsonata from 'jsonata';
import { AppError } from '../../../core/app-error';

export type RecordMapping = (data: unknown) => Promise<{ ok: true; data: unknown } | { ok: false; reason: string }>;

/**
 * A JSONata expression that reshapes each JSON record's data on the way (rename, pick, compute).
 * It is compiled once, before anything is read, so a mistake is said with its position at once;
 * a record it fails on is rejected with the reason, never dropped.
 */
export function compileMapping(expression: string): RecordMapping {
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expression);
  } catch (error) {
    const { message, position } = error as { message: string; position?: number };
    throw new AppError(
      'invalid-input',
      `The mapping does not compile${position !== undefined ? ` (at character ${position})` : ''}: ${message}`,
    );
  }
  return async (data) => {
    try {
      const result: unknown = await compiled.evaluate(data);
      if (result === undefined) return { ok: false, reason: 'the mapping gave nothing for this record' };
      // JSONata builds objects without a prototype; plain JSON from here on.
      return { ok: true, data: JSON.parse(JSON.stringify(result)) as unknown };
    } catch (error) {
      return { ok: false, reason: `the mapping failed: ${(error as Error).message}` };
    }
  };
}

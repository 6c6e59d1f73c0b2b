import { Environment } from '@marcbachmann/cel-js';
import { CelError, compilePattern, RE2_MATCHES, rewriteMatches } from './cel-regex';

export { CelError } from './cel-regex';

/**
 * What an expression sees of a record, in Search and in the live preview alike: one language,
 * learnt once. Any other name is a mistake, said at once, rather than a filter that matches nothing.
 */
export const RECORD_VARIABLES = ['data', 'partitionKey', 'shardId', 'sequenceNumber', 'subSequenceNumber', 'arrivalTime', 'size'] as const;

export type RecordContext = Record<(typeof RECORD_VARIABLES)[number], unknown>;

const environment = new Environment().registerFunction(`${RE2_MATCHES}(string, string): bool`, (subject: string, pattern: string) =>
  compilePattern(pattern).test(subject),
);
// dyn: a record's data has no schema, and a number in it may be an int or a double.
for (const name of RECORD_VARIABLES) environment.registerVariable(name, 'dyn');

export type Verdict = 'match' | 'no-match' | { error: string };

/** A name the expression uses that a record does not have, with what was probably meant. */
function unknownName(expression: string): string | null {
  const checked = environment.check(expression);
  const name = checked.valid ? null : /^Unknown variable: ([\w$]+)/.exec(checked.error?.message ?? '')?.[1];
  if (!name) return null;
  const sameLetters = RECORD_VARIABLES.find((v) => v.toLowerCase() === name.toLowerCase());
  return `unknown name ${name}; did you mean ${sameLetters ?? `data.${name}`}? An expression sees ${RECORD_VARIABLES.join(', ')}.`;
}

/**
 * A CEL expression (`@marcbachmann/cel-js`), compiled once; throws a CelError when it does not
 * compile or names something a record does not have. A record whose data lacks a field the
 * expression reads does not match; any other failure on a record is that record's error.
 */
export function compileCel(expression: string): (context: RecordContext) => Verdict {
  let evaluate: ReturnType<typeof environment.parse>;
  try {
    const parsed = environment.parse(expression);
    const rewritten = rewriteMatches(expression, parsed.ast);
    evaluate = rewritten === expression ? parsed : environment.parse(rewritten);
  } catch (error) {
    if (error instanceof CelError) throw error;
    throw new CelError(`The expression does not compile: ${(error as Error).message}`);
  }
  const unknown = unknownName(expression);
  if (unknown) throw new CelError(unknown);
  return (context) => {
    try {
      return evaluate(context) === true ? 'match' : 'no-match';
    } catch (error) {
      const message = (error as Error).message;
      return /^No such key/.test(message) ? 'no-match' : { error: message.split('\n')[0]! };
    }
  };
}

/** Text that reads as an expression rather than words to find: a comparison, a && or ||, or a record field. */
export function looksLikeExpression(text: string): boolean {
  return (
    /==|!=|>=|<=|&&|\|\||\b(data|partitionKey|shardId|size|arrivalTime)\s*\.|\bdata\.[\w$]/.test(text) ||
    /^\s*[\w.]+\s*[<>]\s*\S/.test(text)
  );
}

/** A CEL field holding plain words (no operator, no call): probably text meant for the text filter. */
export function looksLikeText(text: string): boolean {
  return !/[=<>!&|().[\]"'+\-*/%?:]/.test(text) && text.trim().length > 0;
}

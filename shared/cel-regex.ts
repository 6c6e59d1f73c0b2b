import { RE2JS } from 're2js';

/** An expression that cannot run: each host says it in its own words (main makes it an invalid-input AppError). */
export class CelError extends Error {}

/** The function `matches(…)` calls are rewritten to; registered on Shardscope's CEL environment. */
export const RE2_MATCHES = 'shardscope_re2_matches';

interface AstNode {
  op: string;
  args: unknown;
  start: number;
  end: number;
}

interface MatchesCall {
  start: number;
  end: number;
  subject: AstNode;
  pattern: AstNode;
}

const isNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as AstNode).op === 'string' && typeof (value as AstNode).start === 'number';

function asMatchesCall(node: AstNode): MatchesCall | null {
  const args = node.args as unknown[];
  if (
    node.op === 'rcall' &&
    args[0] === 'matches' &&
    isNode(args[1]) &&
    Array.isArray(args[2]) &&
    args[2].length === 1 &&
    isNode(args[2][0])
  ) {
    return { start: node.start, end: node.end, subject: args[1], pattern: args[2][0] };
  }
  if (
    node.op === 'call' &&
    args[0] === 'matches' &&
    Array.isArray(args[1]) &&
    args[1].length === 2 &&
    isNode(args[1][0]) &&
    isNode(args[1][1])
  ) {
    return { start: node.start, end: node.end, subject: args[1][0], pattern: args[1][1] };
  }
  return null;
}

/** The outermost `matches` calls under a node, in source order. */
function outermostMatches(node: unknown, found: MatchesCall[] = []): MatchesCall[] {
  if (Array.isArray(node)) {
    for (const child of node) outermostMatches(child, found);
  } else if (isNode(node)) {
    const call = asMatchesCall(node);
    if (call) found.push(call);
    else outermostMatches(node.args, found);
  }
  return found;
}

/**
 * CEL's `matches` is specified with RE2 syntax, but cel-js runs it on JavaScript's backtracking
 * engine, where one pattern such as `(a+)+$` on a stranger's record stalls main or the renderer for minutes. Each
 * call is rewritten to RE2JS (linear time), with its pattern compiled once, here, so a pattern
 * RE2 does not accept (look-behind, back-references) is reported before anything is read.
 */
export function rewriteMatches(source: string, ast: unknown): string {
  const render = (start: number, end: number, within: unknown): string => {
    let text = '';
    let at = start;
    for (const call of outermostMatches(within)) {
      if (call.pattern.op !== 'value' || typeof call.pattern.args !== 'string') {
        throw new CelError('matches() takes its pattern as a quoted string, so it can be checked before anything is read.');
      }
      compilePattern(call.pattern.args);
      const subject = render(call.subject.start, call.subject.end, call.subject);
      text += source.slice(at, call.start) + `${RE2_MATCHES}(${subject}, ${source.slice(call.pattern.start, call.pattern.end)})`;
      at = call.end;
    }
    return text + source.slice(at, end);
  };
  return render(0, source.length, ast);
}

const compiled = new Map<string, RE2JS>();

/** RE2 syntax, linear-time matching; compiled patterns are kept for the process (one per expression typed). */
export function compilePattern(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    try {
      re = RE2JS.compile(pattern);
    } catch (error) {
      throw new CelError(`matches("${pattern}") is not an RE2 regular expression: ${(error as Error).message}`);
    }
    if (compiled.size > 256) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The CLI's session commands are hosts of the same use cases the windows run: they reach the
 * domain only through api/ and the dispatcher (main/hosts/cli/session-command.ts), so a rule
 * guarding a call cannot live in one host. Types from the contract or the domain are fine; code is not.
 */
const sessionCommandFiles = [
  'main/hosts/cli/commands/ingest.ts',
  'main/hosts/cli/commands/copy.ts',
  'main/hosts/cli/commands/search.ts',
  'main/hosts/cli/commands/stats.ts',
  'main/hosts/cli/commands/tail.ts',
  'main/hosts/cli/session-command.ts',
  'main/hosts/cli/cli-app.ts',
];

/** Layers a command may not take code from: the domain (sessions, engines) and the api/ handlers beside the dispatcher. */
const FORBIDDEN = /\/(domain|api)\//;

/** The module names of a file's imports and re-exports that bring in code, not only types. */
function runtimeImports(file: string, source = readFileSync(file, 'utf8')): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of tree.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)
          ? clause.namedBindings.elements.every((element) => element.isTypeOnly)
          : false);
      if (!typeOnly) found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found;
}

describe('the CLI session commands go through the dispatcher', () => {
  it.each(sessionCommandFiles)('%s imports no code from main/domain or main/api', (file) => {
    const offending = runtimeImports(file)
      .map((specifier) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)))
      .filter((resolved) => FORBIDDEN.test(`/${resolved}`));
    expect(offending).toEqual([]);
  });

  it('sees a code import, and lets type-only ones pass', () => {
    const source = [
      "import type { RunSummary } from '../../../domain/runs/run-session';",
      "import { type A, type B } from '../../../domain/x';",
      "import { RunSession } from '../../../domain/runs/run-session';",
      "export { copyTarget } from '../../../api/writes';",
    ].join('\n');
    expect(runtimeImports('probe.ts', source)).toEqual(['../../../domain/runs/run-session', '../../../api/writes']);
  });
});

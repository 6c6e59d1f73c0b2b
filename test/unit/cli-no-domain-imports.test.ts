import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The CLI reaches the domain the way the windows do: through api/ and the dispatcher, so a rule
 * that guards a call (a plan token, a read-only refusal) holds for every host. Types it shares
 * with main come from shared/contract; no CLI file runs domain code of its own.
 */

/** Commands still being moved onto api/ by their own change (the session commands, the sandbox loop). */
const movingSeparately = new Set(
  [
    'cli-app.ts',
    'commands/ingest.ts',
    'commands/copy.ts',
    'commands/search.ts',
    'commands/stats.ts',
    'commands/tail.ts',
    'commands/sandbox.ts',
  ].map((file) => `main/hosts/cli/${file}`),
);

const DOMAIN = path.resolve('main/domain');

/** Every module a file loads when it runs (type-only imports and exports are erased, so they are not counted). */
function runtimeImports(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const bindings = node.importClause?.namedBindings;
      const onlyTypes =
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        node.importClause?.name === undefined &&
        bindings.elements.length > 0 &&
        bindings.elements.every((element) => element.isTypeOnly);
      if (!onlyTypes) found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier && ts.isStringLiteralLike(specifier)) found.push(specifier.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

function domainImportsOf(file: string, source: string): string[] {
  return runtimeImports(file, source).filter((specifier) => {
    if (!specifier.startsWith('.')) return false;
    const target = path.resolve(path.dirname(file), specifier);
    return target === DOMAIN || target.startsWith(`${DOMAIN}${path.sep}`);
  });
}

describe('the CLI host', () => {
  it('runs no domain code of its own: every command it owns goes through api/ and the dispatcher', () => {
    const files = (readdirSync('main/hosts/cli', { recursive: true, encoding: 'utf8' }) as string[])
      .map((file) => `main/hosts/cli/${file.split(path.sep).join('/')}`)
      .filter((file) => file.endsWith('.ts') && !movingSeparately.has(file));
    expect(files).toContain('main/hosts/cli/commands/produce.ts');
    const offending = files.flatMap((file) =>
      domainImportsOf(file, readFileSync(file, 'utf8')).map((specifier) => `${file}: ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('finds an import of the domain however it is written, and lets types from it through', () => {
    const file = 'main/hosts/cli/commands/example.ts';
    const source = [
      "import { produceFile } from '../../../domain/writes/produce';",
      "import type { ProduceSummary } from '../../../domain/writes/produce';",
      "import { type ProduceSpec } from '../../../domain/writes/produce';",
      "export { sleep } from '../../../domain/engine/reader/timing';",
      "const later = () => import('../../../domain/writes/write-guard');",
      "import { call } from '../cli-app';",
      "import { countOf } from '../../../../shared/plural';",
    ].join('\n');
    expect(domainImportsOf(file, source)).toEqual([
      '../../../domain/writes/produce',
      '../../../domain/engine/reader/timing',
      '../../../domain/writes/write-guard',
    ]);
  });
});

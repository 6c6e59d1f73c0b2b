import { readFileSync, readdirSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Text below the hosts is shown by every host, so it names no CLI flag and backticks no command:
 * what to do is a structured remedy each host words itself (main/hosts/cli/remedy-text.ts,
 * renderer/api/remedy-text.ts). Only the CLI host words things in flags.
 */

// A flag at the start of a word: "(--resume", " --region". Not CSS's var(--token) nor a BEM "row--selected".
const FLAG = /(?:^|[\s“"'‘]|(?<!var)\()--[a-z][a-z0-9-]*/;

/**
 * Text that is not Shardscope's: the AWS CLI's own flags in the commands Shardscope prints for
 * the user to run with the aws tool. Each entry is one file and the one flag it may show.
 */
const allowed: readonly { file: string; flag: string; why: string }[] = [
  { file: 'main/domain/connections/diagnose.ts', flag: '--profile', why: 'aws sso login --profile' },
  { file: 'main/domain/pipelines/assets.ts', flag: '--cli-input-json', why: 'aws kinesisanalyticsv2 create-application' },
  { file: 'main/domain/pipelines/s3-copy.ts', flag: '--recursive', why: 'aws s3 cp --recursive, the AWS CLI’s own command' },
];

/**
 * Files that write the text of other files, in other tools' languages: SQL quotes names with
 * backticks, and the deploy script and cutover steps are terminal commands (aws, spark-submit,
 * shardscope) whose flags are the point. Every host writes the same files; none shows this text.
 */
const assetWriters = new Set(
  ['column-types', 'cutover', 'firehose', 'firehose-cli', 'flink', 'spark'].map((name) => `main/domain/pipelines/${name}.ts`),
);

interface Finding {
  where: string;
  text: string;
}

/** Every string, template part and JSX text of a source file that names a flag or holds a backtick. */
function terminalTextIn(file: string, source: string): Finding[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: Finding[] = [];
  const visit = (node: ts.Node): void => {
    // Module names and CSS custom property names are not text anyone reads.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) {
      const isName = ts.isPropertyAssignment(node.parent) && node.parent.name === node;
      const text = ts.isJsxText(node) ? node.text : (node as ts.LiteralLikeNode).text;
      // A template part after a \${…} continues a word: `${row}--selected` is one class name.
      const afterValue = ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
      const flag = FLAG.exec(afterValue ? `x${text}` : text)?.[0]
        .trim()
        .replace(/^[(“"'‘]/, '');
      const excused = flag && allowed.some((a) => a.file === file && a.flag === flag);
      if (!isName && ((flag && !excused) || text.includes('`'))) {
        const { line } = tree.getLineAndCharacterOfPosition(node.getStart(tree));
        found.push({ where: `${file}:${line + 1}`, text: text.trim().slice(0, 120) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

function sources(root: string, skip: (file: string) => boolean): string[] {
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .map((file) => `${root}/${file.split('\\').join('/')}`)
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts') && !skip(file));
}

const scan = (files: string[]) => files.flatMap((file) => terminalTextIn(file, readFileSync(file, 'utf8')));

describe('text that every host shows names no CLI flag and no backticked command', () => {
  it('holds for main/, apart from the CLI host', () => {
    const files = sources('main', (file) => file.startsWith('main/hosts/cli/') || assetWriters.has(file));
    expect(files.length).toBeGreaterThan(100);
    expect(scan(files)).toEqual([]);
    // Parses every file of main/: seconds on a busy machine, past the default 5.
  }, 60_000);

  it('holds for the renderer and the contract (AWS CLI commands aside)', () => {
    // shared/aws-cli.ts builds the aws tool's own command lines, whose flags are the point.
    const files = [...sources('renderer', () => false), ...sources('shared', (file) => file === 'shared/aws-cli.ts')];
    expect(files.length).toBeGreaterThan(50);
    expect(scan(files)).toEqual([]);
  }, 60_000);

  it('finds flags and backticks in strings, templates and JSX, never in comments or CSS names', () => {
    const source = [
      '// pass --region in a comment is fine, as is `code` here',
      "const a = 'No lease table: name it (--lease-table).';",
      'const b = `carry on with --resume in ${folder}`;',
      "const c = 'run `shardscope tail` first';",
      'const d = <p>Add --restart to start over</p>;',
      "const e = { '--table-columns': 'var(--accent)', className: `${row}--selected` };",
      "const f = 'Resume the run already in this folder';",
    ].join('\n');
    expect(terminalTextIn('main/domain/x.tsx', source).map((f) => f.where)).toEqual([
      'main/domain/x.tsx:2',
      'main/domain/x.tsx:3',
      'main/domain/x.tsx:4',
      'main/domain/x.tsx:5',
    ]);
  });

  it('lets an AWS CLI command show its own flag only where it is allowed', () => {
    const source = 'const fix = `aws sso login --profile ${name}`;';
    expect(terminalTextIn('main/domain/connections/diagnose.ts', source)).toEqual([]);
    expect(terminalTextIn('main/domain/other.ts', source)).toHaveLength(1);
  });
});

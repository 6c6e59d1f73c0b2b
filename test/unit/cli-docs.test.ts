import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliDocsPath, renderCliDocs } from '../../scripts/cli-docs';
import { buildProgram } from '../../main/hosts/cli/index';

describe('docs/cli.md', () => {
  it('is what the command definitions generate today', () => {
    const written = readFileSync(cliDocsPath, 'utf8');
    const fresh = renderCliDocs();
    // A plain equality would print two 700-line strings; the message says what to do instead.
    expect(written === fresh, 'docs/cli.md is stale: run `npm run docs:cli` and commit the result').toBe(true);
  });

  it('documents every command and every option of every command', () => {
    const text = renderCliDocs();
    const walk = (command: ReturnType<typeof buildProgram>, path: string[]): void => {
      for (const sub of command.commands) {
        const name = [...path, sub.name()];
        expect(text).toContain(`## ${name.join(' ')}\n`);
        for (const option of sub.options) {
          if (!option.hidden) expect(text, `${name.join(' ')} ${option.flags}`).toContain(`\`${option.flags}`);
        }
        walk(sub, name);
      }
    };
    walk(buildProgram(), ['shardscope']);
  });
});

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchor } from '../../scripts/cli-docs';
import { baselineFolder, guideImageFolder, guideImages } from '../../scripts/guide-images';

const root = resolve(import.meta.dirname, '../..');

function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const documents = [
  ...['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'bench/README.md'].map((name) => join(root, name)),
  ...markdownFiles(join(root, 'docs')),
];

/** Code (fenced blocks and inline spans) is shown as written, so a bracket in it is no link. */
function withoutCode(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Inline links and images, `[text](target)` and `![alt](target "title")`: the only kinds these docs use. */
function linkTargets(text: string): string[] {
  return [...withoutCode(text).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? '');
}

/** The anchors GitHub makes for a file's headings, with -1, -2 … for repeats. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of withoutCode(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = anchor((match[1] ?? '').replace(/[*_`]/g, ''));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

describe('the documentation', () => {
  it('has the pages a newcomer starts from', () => {
    for (const document of documents) expect(existsSync(document), relative(root, document)).toBe(true);
    expect(documents.length).toBeGreaterThan(10);
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const document of documents.filter(existsSync)) {
      const text = readFileSync(document, 'utf8');
      for (const target of linkTargets(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: … are not ours to check here
        const [path = '', hash] = target.split('#');
        const file = path === '' ? document : resolve(dirname(document), decodeURIComponent(path));
        const where = `${relative(root, document)} → ${target}`;
        if (!existsSync(file)) {
          broken.push(`${where} (no such file)`);
        } else if (hash !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(hash)) {
          broken.push(`${where} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('finds a broken link and a missing heading when there is one', () => {
    expect(linkTargets('see [a](missing.md#x) and `[b](code.md)` and ![c](images/c.png "C")')).toEqual(['missing.md#x', 'images/c.png']);
    expect([...anchorsOf('# Stream administration\n## Tail: the CLI\n## Tail: the CLI\n')]).toEqual([
      'stream-administration',
      'tail-the-cli',
      'tail-the-cli-1',
    ]);
  });

  it('shows the screenshots the tests check today', () => {
    for (const name of guideImages) {
      const same = readFileSync(join(guideImageFolder, name)).equals(readFileSync(join(baselineFolder, name)));
      expect(same, `docs/guide/images/${name} differs from its baseline: run \`npx tsx scripts/guide-images.ts\``).toBe(true);
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The order inside main/domain, stated here on its own so that loosening eslint.config.js does not
 * loosen this proof too: each tier may import itself and those below it; a feature never another.
 */
const tiers: { folders: string[]; isolated?: boolean }[] = [
  { folders: ['engine'] },
  { folders: ['connections', 'plans', 'side-services', 'audit'] },
  {
    folders: [
      'runs',
      'search',
      'writes',
      'admin',
      'consumers',
      'permissions',
      'metrics',
      'preview',
      'pipelines',
      'capacity',
      'redrive',
      'heat',
    ],
    isolated: true,
  },
  { folders: ['sandbox'] },
];
const domainRoot = path.resolve('main/domain');
const tierOf = (folder: string) => tiers.findIndex((t) => t.folders.includes(folder));

function mayImport(from: string, to: string): boolean {
  if (from === to) return true;
  const [a, b] = [tierOf(from), tierOf(to)];
  return b < a || (a === b && !tiers[a]!.isolated);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative module a file names: static imports, re-exports and import() alike. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)'(\.[^']*)'/gm)].map((m) => m[1]!);
  return specs.map((spec) => path.resolve(path.dirname(file), spec));
}

/** The domain folder a path is in, or null outside the domain. */
function folderOf(file: string): string | null {
  const inside = path.relative(domainRoot, file);
  return inside.startsWith('..') || !inside.includes(path.sep) ? null : inside.split(path.sep)[0]!;
}

describe('the domain tiers, walked', () => {
  const files = sourceFiles(domainRoot);
  const edges = files.flatMap((file) =>
    importsOf(file)
      .map((target) => ({ file: path.relative(domainRoot, file), from: folderOf(file)!, to: folderOf(target) }))
      .filter((edge): edge is { file: string; from: string; to: string } => edge.to !== null),
  );

  it('knows the tier of every domain folder', () => {
    const folders = readdirSync(domainRoot, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((f) => f.name).filter((name) => tierOf(name) === -1)).toEqual([]);
  });

  it('finds the imports it judges', () => {
    // A walker that matched nothing would pass every order; the features do lean on the engine.
    expect(edges.filter((e) => e.to === 'engine' && tierOf(e.from) === 2).length).toBeGreaterThan(20);
  });

  it('has no folder importing a higher tier, nor a feature another feature', () => {
    const wrong = edges.filter((e) => !mayImport(e.from, e.to)).map((e) => `${e.file} imports ${e.to}`);
    expect(wrong).toEqual([]);
  });
});

const eslint = new ESLint();

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the domain tiers, enforced by lint', () => {
  // Loading the TypeScript parser takes seconds on a busy machine: once, outside any one test's time.
  beforeAll(() => lint('main/domain/x.ts', ''), 60_000);

  it.each([
    ['main/domain/search/x.ts', "export { toPreview } from '../preview/preview-session';", /domain\/search is in the features/],
    ['main/domain/writes/copy/x.ts', "export { loadManifest } from '../../runs/manifest';", /domain\/writes is in the features/],
    ['main/domain/permissions/x.ts', "export { chooseTables } from '../consumers/applications';", /domain\/permissions is in the features/],
    ['main/domain/engine/reader/x.ts', "export { loadManifest } from '../../runs/manifest';", /domain\/engine is in the engine/],
    ['main/domain/engine/reader/x.ts', "export { readerSource } from '../../connections/reader-source';", /in the engine/],
    ['main/domain/connections/x.ts', "export { startSandbox } from '../sandbox/sandbox';", /domain\/connections is in the services/],
    ['main/domain/plans/x.ts', "export { runHandlers } from '../../api/runs';", /main\/domain sits below/],
  ])('refuses %s: %s', async (filePath, code, message) => {
    expect(await lint(filePath, code)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['main/domain/search/x.ts', "export { scanRange } from '../engine/reader/range-scan';"],
    ['main/domain/permissions/x.ts', "export { endpointOf } from '../connections/target';"],
    ['main/domain/side-services/x.ts', "export { endpointOf } from '../connections/target';"],
    ['main/domain/sandbox/x.ts', "export { createLeaseTable } from '../engine/leases/lease-table';"],
    ['main/domain/writes/copy/x.ts', "export { putRecord } from '../put-record';"],
  ])('allows %s: %s', async (filePath, code) => {
    expect(await lint(filePath, code)).toEqual([]);
  });
});

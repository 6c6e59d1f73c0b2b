import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();
const rendererRoot = path.resolve(import.meta.dirname, '../../renderer');

/** The renderer's layers, lowest first; every other folder is a feature, between ui and app. */
const base = ['api', 'state', 'ui'];
const features = readdirSync(rendererRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && ![...base, 'app', 'public'].includes(entry.name))
  .map((entry) => entry.name);

/** A folder's rank: a file may import only folders of a lower rank, or its own folder. */
function rankOf(folder: string): number {
  if (base.includes(folder)) return base.indexOf(folder);
  return folder === 'app' ? base.length + 1 : base.length;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    // A slice's test builds the whole store from app/, as the window does: it is no layer.
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The renderer folder a file sits in (its first segment under renderer/), or null for main.tsx. */
const folderOf = (file: string) => {
  const [first, ...rest] = path.relative(rendererRoot, file).split(path.sep);
  return rest.length > 0 ? first! : null;
};

/** Every import of one renderer folder from another, as "from -> to (file: specifier)", that breaks the order. */
function wrongWayImports(): string[] {
  const wrong: string[] = [];
  for (const file of sourceFiles(rendererRoot)) {
    const from = folderOf(file);
    if (from === null) continue;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), specifier!);
      if (!target.startsWith(rendererRoot + path.sep)) continue;
      const to = folderOf(target);
      if (to === null || to === from) continue;
      const featureToFeature = features.includes(from) && features.includes(to);
      if (featureToFeature || rankOf(to) > rankOf(from)) {
        wrong.push(`${from} -> ${to} (${path.relative(rendererRoot, file)}: ${specifier})`);
      }
    }
  }
  return wrong;
}

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe("the renderer's layers: api -> state -> ui -> features -> app", () => {
  // The first lint loads the TypeScript parser and the config, slow on a busy machine.
  beforeAll(() => restrictedImportMessages('renderer/ui/x.ts', ''), 60_000);

  it('finds the features it checks', () => {
    expect(features).toEqual(expect.arrayContaining(['preview', 'search', 'streams', 'writes']));
  });

  it('holds no import that goes upward or from one feature into another', () => {
    expect(wrongWayImports()).toEqual([]);
  });

  it.each([
    ['renderer/state/x.ts', "export { ConfirmWrite } from '../ui/ConfirmWrite';", /renderer\/state sits below/],
    ['renderer/api/x.ts', "export { useAppStore } from '../state/store';", /renderer\/api sits below/],
    ['renderer/ui/x.ts', "export { PreviewPage } from '../preview/PreviewPage';", /renderer\/ui sits below/],
    ['renderer/ui/x.ts', "export { App } from '../app/App';", /renderer\/ui sits below/],
    ['renderer/search/x.ts', "export { PreviewPage } from '../preview/PreviewPage';", /never another feature/],
    ['renderer/streams/detail/x.ts', "export { ConsumersPanel } from '../../consumers/ConsumersPanel';", /never another feature/],
    ['renderer/preview/x.ts', "export { App } from '../app/App';", /never another feature or app/],
    ['renderer/ui/x.ts', "export { ReadSession } from '../../main/domain/engine/reader/read-session';", /never by import/],
  ])('lint refuses %s importing %s', async (filePath, code, message) => {
    expect(await restrictedImportMessages(filePath, code)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['renderer/state/x.ts', "export { settle } from '../api/query-state';"],
    ['renderer/ui/x.ts', "export { useAppStore } from '../state/store';"],
    ['renderer/search/x.ts', "export { RecordTable } from '../ui/records/RecordTable';"],
    ['renderer/streams/detail/x.ts', "export { useStreamList } from '../useStreamList';"],
    ['renderer/app/x.ts', "export { PreviewPage } from '../preview/PreviewPage';"],
  ])('lint allows %s importing %s', async (filePath, code) => {
    expect(await restrictedImportMessages(filePath, code)).toEqual([]);
  });
});

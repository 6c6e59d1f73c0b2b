import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The messages lint gives a file at `filePath` that holds `code`. */
async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layers, enforced by lint', () => {
  // Loading the TypeScript parser takes seconds on a busy machine: once, outside any one test's time.
  beforeAll(() => lint('main/domain/x.ts', ''), 60_000);

  it.each([
    ['main/domain/reader/x.ts', "export { runCli } from '../../hosts/cli/index';", /main\/domain sits below/],
    ['main/domain/reader/x.ts', "export { createHandlers } from '../../app/shardscope-app';", /main\/domain sits below/],
    ['main/domain/reader/x.ts', "export { runHandlers } from '../../api/runs';", /main\/domain sits below/],
    ['main/core/x.ts', "export { ReadSession } from '../domain/reader/read-session';", /main\/core sits below/],
    ['main/aws/x.ts', "export { AppError } from '../core/app-error';", /main\/aws sits below/],
    ['main/api/x.ts', "export { startBrowserHost } from '../hosts/browser/browser-host';", /main\/api sits below/],
    ['main/domain/x.ts', "import { app } from 'electron'; export { app };", /Only main\/hosts\/electron/],
    ['renderer/streams/x.ts', "export { ReadSession } from '../../main/domain/engine/reader/read-session';", /never by import/],
    ['shared/x.ts', "export { AppError } from '../main/core/app-error';", /know only the contract/],
    ['preload/x.ts', "export { AppError } from '../main/core/app-error';", /know only the contract/],
    ['main/hosts/cli/commands/x.ts', "export { RunSession } from '../../../domain/runs/run-session';", /through the dispatcher/],
    ['main/hosts/browser/x.ts', "export { runHandlers } from '../../api/runs';", /through the dispatcher/],
    ['main/hosts/electron/x.ts', "export { RunHistory } from '../../domain/runs/run-history';", /through the dispatcher/],
  ])('refuses %s importing upward: %s', async (filePath, code, message) => {
    expect(await lint(filePath, code)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['main/domain/reader/x.ts', "export { AppError } from '../../core/app-error';"],
    ['main/api/x.ts', "export { ReadSession } from '../domain/reader/read-session';"],
    ['main/hosts/cli/x.ts', "export { createHandlers } from '../../app/shardscope-app';"],
    ['main/hosts/electron/x.ts', "import { app } from 'electron'; export { app };"],
    ['preload/x.ts', "import { ipcRenderer } from 'electron'; export { ipcRenderer };"],
  ])('allows %s importing downward: %s', async (filePath, code) => {
    expect(await lint(filePath, code)).toEqual([]);
  });
});

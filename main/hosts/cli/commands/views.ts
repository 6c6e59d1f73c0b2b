import { writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { describeViewIssues, viewsFileSchema, type SavedView, type ViewsFile } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { readJsonFile } from '../json-file';
import { note } from '../output';
import { terminalJson, visible } from '../terminal-text';

function printViews(views: readonly SavedView[], json: boolean | undefined): void {
  if (json) {
    console.log(terminalJson(views));
    return;
  }
  if (views.length === 0) console.log('No saved views on this connection.');
  for (const view of views) console.log([view.name, view.page, view.stream, view.note].map(visible).join('\t'));
}

/** A views file read and checked here, so a foreign file's bad field is named before anything is saved. */
export function readViewsFile(file: string): ViewsFile {
  const { where, raw } = readJsonFile(file, 'views file');
  const parsed = viewsFileSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidArgumentError(`the views file ${where} was not imported: ${describeViewIssues(parsed.error)}`);
  return parsed.data;
}

const list = withConnectionFlags(
  new Command('list')
    .description("list the connection's saved views: name, page, stream and note, a tab between each")
    .option('--json', 'print the views whole, as JSON'),
).action((opts: ConnectionFlags & { json?: boolean }) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => printViews((await call(app, 'views:list', {})).views, opts.json)),
);

const exportViews = withConnectionFlags(
  new Command('export')
    .description('print saved views as a views file, which views import and the app read back')
    .argument('[names...]', 'the views to export (default: every view of the connection)')
    .option('--out <file>', 'write the file here instead of to stdout (an existing file is left alone)'),
).action((names: string[], opts: ConnectionFlags & { out?: string }) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const { views } = await call(app, 'views:export', {});
    const wanted = names.map((name) => name.trim().toLowerCase());
    const missing = names.filter((name, i) => !views.some((view) => view.name.toLowerCase() === wanted[i]));
    if (missing.length > 0) throw new AppError('not-found', `This connection has no view called ${missing.join(', ')}.`);
    const chosen = wanted.length > 0 ? views.filter((view) => wanted.includes(view.name.toLowerCase())) : views;
    const text = terminalJson({ version: 1, views: chosen } satisfies ViewsFile, 2);
    if (!opts.out) {
      console.log(text);
      return;
    }
    const where = resolvePath(opts.out);
    try {
      writeFileSync(where, `${text}\n`, { flag: 'wx', mode: 0o644 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InvalidArgumentError(
        `${where} ${code === 'EEXIST' ? 'already exists; choose another name' : `cannot be written (${code})`}.`,
      );
    }
    note(`wrote ${chosen.length} ${chosen.length === 1 ? 'view' : 'views'} to ${where}`);
  }),
);

const importViews = withConnectionFlags(
  new Command('import')
    .description("add a views file's views to the connection's (a view of the same name is replaced)")
    .argument('<file>', 'a file views export or the app wrote'),
).action((file: string, opts: ConnectionFlags) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const views = readViewsFile(file);
    printViews((await call(app, 'views:import', { file: views })).views, false);
  }),
);

const remove = withConnectionFlags(
  new Command('remove').description('remove a saved view').argument('<name>', 'the view, as views list names it'),
).action((name: string, opts: ConnectionFlags) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => printViews((await call(app, 'views:remove', { name })).views, false)),
);

export const viewsCommand = new Command('views')
  .description("saved views: a page's stream and settings under a name, shared with the app; search and tail read one with --view")
  .addCommand(list)
  .addCommand(exportViews)
  .addCommand(importViews)
  .addCommand(remove);

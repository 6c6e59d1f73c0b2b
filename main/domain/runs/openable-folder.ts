import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import { MANIFEST } from './manifest';
import type { RunHistory } from './run-history';

/**
 * Folders a desktop opens as a program or installer rather than showing them (macOS bundles and
 * packages): a run may have been pointed into one, and opening it would launch it.
 */
const LAUNCHED_FOLDERS = /\.(app|bundle|framework|plugin|pkg|mpkg|prefpane|kext|appex|xpc|saver|qlgenerator|workflow|action|service)$/i;

/**
 * The folder to show for a request to open one: only a run's folder from the history, and only
 * while it is still a directory. Opening hands the path to the desktop, which runs a program
 * or opens a document it is given; a renderer asking for anything else gets a refusal. The
 * answer is the resolved path, so a link swapped in after the check still names that directory.
 */
export async function openableRunFolder(history: RunHistory, folder: string): Promise<string> {
  const asked = path.resolve(folder);
  const known = (await history.list()).some((run) => path.resolve(run.folder) === asked);
  if (!known) throw new AppError('invalid-input', `${folder} is not the folder of a run in the history: only those can be opened.`);
  const resolved = await realpath(asked).catch(() => null);
  const info = resolved ? await stat(resolved).catch(() => null) : null;
  if (!resolved || !info) throw new AppError('not-found', `The run's folder ${folder} is no longer there.`);
  if (!info.isDirectory()) throw new AppError('invalid-input', `${folder} is no longer a folder, so it is not opened.`);
  if (LAUNCHED_FOLDERS.test(path.basename(resolved)))
    throw new AppError('invalid-input', `${folder} is a folder the desktop would launch as a program, so it is not opened.`);
  const manifest = await stat(path.join(resolved, MANIFEST)).catch(() => null);
  if (!manifest?.isFile())
    throw new AppError('invalid-input', `${folder} no longer holds a run (there is no ${MANIFEST} in it), so it is not opened.`);
  return resolved;
}

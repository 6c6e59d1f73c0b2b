import { stat } from 'node:fs/promises';

/** The part of Electron's shell used: openPath answers '' on success, else why it failed. */
export interface FolderShell {
  openPath(target: string): Promise<string>;
}

/**
 * Shows a folder in the file manager. openPath runs a program it is given, so this looks once
 * more, right before the call, that the path is a directory; which folders may be asked for at
 * all is the api's rule (runs:openFolder).
 */
export function openFolderWith(shell: FolderShell): (folder: string) => Promise<void> {
  return async (folder) => {
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory()) throw new Error(`${folder} is not a folder`);
    const failure = await shell.openPath(folder);
    if (failure) throw new Error(failure);
  };
}

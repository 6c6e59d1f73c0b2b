import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../core/app-error';
import { describeFileError } from '../../../core/file-error';

function refused(folder: string, at: string, error: NodeJS.ErrnoException): AppError {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return new AppError('invalid-input', `Cannot create ${folder}: Shardscope may not create folders in ${path.dirname(at)}.`);
    case 'EROFS':
      return new AppError('invalid-input', `Cannot create ${folder}: ${path.dirname(at)} is on a read-only file system.`);
    case 'ENOENT':
      // The parent is there (the walk up found it): the system makes no folders in it (/proc, /sys).
      return new AppError(
        'invalid-input',
        `Cannot create ${folder}: the system makes no new folders in ${path.dirname(at)}. Choose another folder.`,
      );
    default:
      return new AppError(
        'invalid-input',
        `Cannot create ${folder}: ${describeFileError(error, at) ?? `the system refused to create ${at} (${error.message}).`} Choose another folder.`,
      );
  }
}

/**
 * Creates a run's or copy's folder and any missing parents, one level at a time, and says clearly
 * why it cannot. Node's recursive mkdir never returns where the system answers ENOENT to a mkdir
 * whose parent exists (anywhere under /proc), so it is not used. Says whether the folder itself
 * was made, so a run that leaves nothing in it can take it away again.
 */
export async function ensureFolder(folder: string): Promise<boolean> {
  const missing: string[] = [];
  for (let at = path.resolve(folder); ; at = path.dirname(at)) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => {
      // ENOTDIR: something above is a file, which the walk up finds and names.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw refused(folder, at, error);
    });
    if (found) {
      if (!found.isDirectory()) throw new AppError('invalid-input', `Cannot create ${folder}: ${at} is a file, not a folder.`);
      break;
    }
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const at of missing) {
    await mkdir(at).catch(async (error: NodeJS.ErrnoException) => {
      // Made meanwhile by another process: fine as long as it is a folder.
      if (error.code === 'EEXIST' && (await stat(at)).isDirectory()) return;
      throw refused(folder, at, error);
    });
  }
  return missing.length > 0;
}

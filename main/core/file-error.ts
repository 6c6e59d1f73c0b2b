import { statSync } from 'node:fs';
import path from 'node:path';

/** A file system failure as Node raises it: a code such as ENOENT, and usually the path it was about. */
type FileError = { code?: unknown; path?: unknown; dest?: unknown };

/**
 * The folder above `at` that is a file: what ENOTDIR is about ("/tmp/x is a file, not a folder"
 * for /tmp/x/run.json). Looked for only on that failure; the path itself when none is found.
 */
function fileInTheWay(at: string): string {
  for (let parent = path.dirname(at); parent !== path.dirname(parent); parent = path.dirname(parent)) {
    try {
      if (!statSync(parent).isDirectory()) return parent;
    } catch {
      // Not there or not ours to look at: keep walking up.
    }
  }
  return at;
}

const wordsFor: Record<string, (at: string) => string> = {
  ENOENT: (at) => `${at} does not exist.`,
  EEXIST: (at) => `${at} already exists.`,
  ENOTDIR: (at) => `${fileInTheWay(at)} is a file, not a folder.`,
  EISDIR: (at) => `${at} is a folder, not a file.`,
  EACCES: (at) => `Shardscope is not allowed to use ${at}: its permissions (or a folder's above it) refuse it.`,
  EPERM: (at) => `Shardscope is not allowed to use ${at}: the system refuses it.`,
  ENOSPC: (at) => `The disk holding ${at} is full.`,
  EROFS: (at) => `${at} is on a read-only file system.`,
  EMFILE: (at) => `Too many files are open at once to open ${at}: raise the open-file limit or close other programs.`,
  ENFILE: (at) => `Too many files are open on this system to open ${at}: close other programs.`,
};

/**
 * What went wrong with a file or folder, in words with its path, instead of the system's code
 * (EACCES, ENOTDIR…). Null for anything that is not a file system failure this knows, so each
 * caller keeps its own fallback. `at` names the path where the error does not (or names another).
 */
export function describeFileError(error: unknown, at?: string): string | null {
  if (!error || typeof error !== 'object') return null;
  const { code, path: errorPath } = error as FileError;
  const words = typeof code === 'string' ? wordsFor[code] : undefined;
  const where = at ?? (typeof errorPath === 'string' ? errorPath : undefined);
  return words && where ? words(where) : null;
}

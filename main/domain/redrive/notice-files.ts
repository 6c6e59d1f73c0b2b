import { opendir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import { addParsed, parseNotices, type ParsedNotices } from './notices';

/** An S3 destination's object holds the batch's payload too: a few MiB at most; past this a file is not a notice. */
export const MAX_NOTICE_FILE_BYTES = 32 * 1024 * 1024;
/** Notices read at once: a failed deploy's worth, well past what one look can use. */
export const MAX_NOTICES = 10_000;
/** Files looked at in a folder, and how deep (Lambda's S3 keys nest by shard and date). */
export const MAX_NOTICE_FILES = 20_000;
const MAX_DEPTH = 8;

/** The files of a folder, in name order, down to MAX_DEPTH; hidden ones left out. */
async function filesUnder(folder: string, depth: number, found: string[]): Promise<void> {
  const entries: { name: string; dir: boolean }[] = [];
  for await (const entry of await opendir(folder)) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory() || entry.isFile()) entries.push({ name: entry.name, dir: entry.isDirectory() });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (found.length > MAX_NOTICE_FILES) return;
    const full = path.join(folder, entry.name);
    if (!entry.dir) found.push(full);
    else if (depth < MAX_DEPTH) await filesUnder(full, depth + 1, found);
  }
}

/**
 * Every notice in a file, or in the files of a folder: each file too large, unreadable or not
 * invocation records is reported with the reason and skipped, so one bad file loses nothing else.
 */
export async function readNotices(from: string): Promise<ParsedNotices> {
  const info = await stat(from).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new AppError('invalid-input', `There is no file or folder ${from}.`);
    throw error;
  });
  const files: string[] = [];
  if (info.isDirectory()) await filesUnder(from, 0, files);
  else files.push(from);
  const out: ParsedNotices = { notices: [], problems: [] };
  if (files.length > MAX_NOTICE_FILES) {
    out.problems.push({ source: from, reason: `more than ${MAX_NOTICE_FILES} files: the first ${MAX_NOTICE_FILES} are read` });
    files.length = MAX_NOTICE_FILES;
  }
  for (const file of files) {
    const size = (await stat(file)).size;
    if (size > MAX_NOTICE_FILE_BYTES) {
      out.problems.push({ source: file, reason: `${size} bytes: larger than an invocation record can be` });
      continue;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      out.problems.push({ source: file, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    addParsed(out, parseNotices(text, file, MAX_NOTICES - out.notices.length));
  }
  if (out.notices.length === 0 && out.problems.length === 0) out.problems.push({ source: from, reason: 'no files in the folder' });
  return out;
}

import type { NoticeTexts } from '../../../shared/contract/redrive';
import { MAX_NOTICES } from './notice-files';
import { parseNotices, type ParsedNotices } from './notices';

/**
 * The notices of files the caller read itself (a browser's picked files), each parsed as a file
 * on disk is: a bad notice is reported with its file and line and skipped, the rest kept.
 */
export function parseNoticeTexts(files: NoticeTexts): ParsedNotices {
  const out: ParsedNotices = { notices: [], problems: [] };
  for (const file of files) {
    const parsed = parseNotices(file.text, file.name, MAX_NOTICES - out.notices.length);
    out.notices.push(...parsed.notices);
    out.problems.push(...parsed.problems);
  }
  return out;
}

/** How the notices of picked files are named where a path would be: their names. */
export const textsLabel = (files: NoticeTexts): string => files.map((file) => file.name).join(', ');

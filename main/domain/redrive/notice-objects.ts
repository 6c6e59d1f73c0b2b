import { AppError, toApiError } from '../../core/app-error';
import { MAX_READ_BYTES, type ObjectStore } from '../engine/objects/object-store';
import { parseS3Location, type S3Location } from '../engine/objects/s3-location';
import { MAX_NOTICE_FILES, MAX_NOTICES } from './notice-files';
import { addParsed, parseNotices, type ParsedNotices } from './notices';

const SCHEME = 's3://';

/** The bucket and prefix of `s3://bucket/prefix/`, or null when `from` names something else. */
export function noticePrefixOf(from: string): S3Location | null {
  return from.startsWith(SCHEME) ? parseS3Location(from) : null;
}

/**
 * Every notice under an S3 prefix, as Lambda's S3 on-failure destination leaves them: one object
 * per failed invocation, its invocation record with the batch's payload. Objects are read one at
 * a time in key order, at most MAX_NOTICE_FILES of them and MAX_READ_BYTES each; one too large,
 * unreadable or not invocation records is reported with the reason and skipped.
 */
export async function readObjectNotices(store: ObjectStore): Promise<ParsedNotices> {
  const out: ParsedNotices = { notices: [], problems: [] };
  const where = store.urlOf('');
  const objects = (await store.list()).filter((object) => !object.key.endsWith('/'));
  if (objects.length === 0) {
    out.problems.push({ source: where, reason: 'no objects under the prefix' });
    return out;
  }
  if (objects.length > MAX_NOTICE_FILES) {
    out.problems.push({ source: where, reason: `more than ${MAX_NOTICE_FILES} objects: the first ${MAX_NOTICE_FILES} are read` });
    objects.length = MAX_NOTICE_FILES;
  }
  for (const object of objects) {
    const source = store.urlOf(object.key);
    if (object.size > MAX_READ_BYTES) {
      out.problems.push({ source, reason: `${object.size} bytes: larger than an invocation record can be` });
      continue;
    }
    let text: string;
    try {
      const read = await store.read(object.key);
      // Listed, then removed by someone else before it was read: nothing of it to lose.
      if (!read) continue;
      text = read.text;
    } catch (error) {
      // Access to the bucket itself is the caller's to fix; one bad object is not.
      if (!(error instanceof AppError) || error.code !== 'invalid-input') throw error;
      out.problems.push({ source, reason: `cannot be read (${toApiError(error).message})` });
      continue;
    }
    addParsed(out, parseNotices(text, source, MAX_NOTICES - out.notices.length));
  }
  return out;
}

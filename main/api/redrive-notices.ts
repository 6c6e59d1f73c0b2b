import path from 'node:path';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import { createS3ClientFor } from '../domain/connections/s3-client';
import { ObjectStore } from '../domain/engine/objects/object-store';
import type { PayloadLoader } from '../domain/engine/reader/record-ranges';
import { readNotices } from '../domain/redrive/notice-files';
import { noticePrefixOf, readObjectNotices } from '../domain/redrive/notice-objects';
import type { ParsedNotices } from '../domain/redrive/notices';
import { payloadsOf } from '../domain/redrive/payload-source';

/** The notices of a file, a folder, or the objects under an S3 prefix (read with the caller's connection), payloads and all. */
export async function noticesAt(connections: ConnectionManager, owner: SessionOwner, from: string): Promise<ParsedNotices> {
  const prefix = noticePrefixOf(from);
  if (!prefix) return readNotices(from);
  const s3 = await createS3ClientFor(connections.target(owner));
  return readObjectNotices(new ObjectStore(s3, prefix)).finally(() => s3.destroy());
}

/** Where a job finds its notices again: a folder named from where the command ran is made absolute. */
export const jobNoticePlace = (from: string): string => (noticePrefixOf(from) ? from : path.resolve(from));

/** Reads a redrive job's notices again for the records only their payloads hold (see payloadsOf). */
export function payloadLoader(connections: ConnectionManager, owner: SessionOwner): PayloadLoader {
  return async (source, ranges) => payloadsOf(source, await noticesAt(connections, owner, source.from), ranges);
}

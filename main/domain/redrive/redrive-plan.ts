import type { PreviewRecord } from '../../../shared/contract';
import type { RedriveFindOutput } from '../../../shared/contract/redrive';
import { PREVIEW_LIMIT, toPreviewRecord } from '../engine/decode/preview-record';
import { findRecords, type StreamReader } from './find-records';
import { readNotices } from './notice-files';

/** Records one answer carries; a failed batch is at most 10,000, so this is several batches' worth. */
export const MAX_FOUND_RECORDS = 20_000;

/**
 * From a file or folder of failure notices to the plan (the notices, the problems met reading
 * them, the merged ranges, what was found and what expired) and the records themselves.
 */
export async function findFailedRecords(options: {
  from: string;
  wholeRecords: boolean;
  reading(stream: string): StreamReader;
}): Promise<RedriveFindOutput> {
  const { notices, problems } = await readNotices(options.from);
  const records: PreviewRecord[] = [];
  let truncated = false;
  let taken = 0;
  const limit = options.wholeRecords ? Number.POSITIVE_INFINITY : PREVIEW_LIMIT;
  const { outcomes, ranges } = await findRecords({
    reading: options.reading,
    notices,
    take: (record) => {
      taken++;
      if (records.length < MAX_FOUND_RECORDS) records.push(toPreviewRecord(record, limit));
      else truncated = true;
    },
  });
  const withOutcomes = notices.map((notice, index) => ({ ...notice, outcome: outcomes[index] ?? null }));
  return {
    plan: {
      notices: withOutcomes,
      problems,
      ranges,
      totals: {
        notices: notices.length,
        // User records, each once: notices that overlap count theirs each, and an aggregate holds several.
        found: taken,
        expired: outcomes.reduce((sum, o) => sum + o.expired, 0),
        unread: outcomes.reduce((sum, o) => sum + o.unread, 0),
      },
    },
    records,
    truncated,
  };
}

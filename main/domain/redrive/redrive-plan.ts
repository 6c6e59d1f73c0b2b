import type { PreviewRecord } from '../../../shared/contract';
import type { RedriveFindOutput } from '../../../shared/contract/redrive';
import { PREVIEW_LIMIT, toPreviewRecord } from '../engine/decode/preview-record';
import type { RecordMasker } from '../engine/mask/masker';
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
  /** The masker of a stream's reads: records leave main masked as every other reader's do. */
  masker(stream: string): Promise<RecordMasker>;
}): Promise<RedriveFindOutput> {
  const { notices, problems } = await readNotices(options.from);
  const records: PreviewRecord[] = [];
  let truncated = false;
  let taken = 0;
  const limit = options.wholeRecords ? Number.POSITIVE_INFINITY : PREVIEW_LIMIT;
  const maskers = new Map<string, RecordMasker>();
  for (const stream of new Set(notices.map((notice) => notice.stream))) maskers.set(stream, await options.masker(stream));
  const { outcomes, ranges } = await findRecords({
    reading: options.reading,
    notices,
    take: (record, range) => {
      taken++;
      const masker = maskers.get(range.stream)!;
      if (records.length < MAX_FOUND_RECORDS) records.push(toPreviewRecord(masker.mask(record), limit));
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
    // Per stream, since each has its own rules: a rule at 0 may be a typo rather than protection.
    masking: [...maskers.values()].filter((masker) => masker.active).flatMap((masker) => masker.report()),
  };
}

import type { PreviewRecord } from '../../../shared/contract';
import type { RedriveFindOutput } from '../../../shared/contract/redrive';
import type { PayloadSource, RecordRange } from '../../../shared/contract/record-ranges';
import type { CopySpec } from '../../../shared/contract/writes';
import { runSpecSchema, type RunSpec, type RunSpecInput } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { PREVIEW_LIMIT, toPreviewRecord } from '../engine/decode/preview-record';
import type { DecodedRecord } from '../engine/decode/record';
import type { RecordMasker } from '../engine/mask/masker';
import { findRecords, type StreamReader } from './find-records';
import { readNotices } from './notice-files';
import type { ParsedNotices } from './notices';
import { mergeRanges } from './notice-ranges';
import { payloadSourceOf } from './payload-source';

/** Records one answer carries; a failed batch is at most 10,000, so this is several batches' worth. */
export const MAX_FOUND_RECORDS = 20_000;

/**
 * From a file or folder of failure notices to the plan (the notices, the problems met reading
 * them, the merged ranges, what was found and what expired) and the records themselves.
 */
export async function findFailedRecords(options: {
  from: string;
  /** Notices already read (a queue's messages): `from` only names where they came from. */
  read?: ParsedNotices;
  wholeRecords: boolean;
  /** Only counted, not kept: a plan to put them back needs no copy of them. */
  countOnly?: boolean;
  reading(stream: string): StreamReader | Promise<StreamReader>;
  /** Looks at each record found before anything is done with it: a throw stops the find (a map that fails on one). */
  check?(record: DecodedRecord, fromPayload: boolean): void | Promise<void>;
  /** The masker of a stream's reads: records leave main masked as every other reader's do. */
  masker(stream: string): Promise<RecordMasker>;
  /** Told the notices whose shard or stream is gone: only their payloads can give their records. */
  payloadOnly?(indexes: ReadonlySet<number>): void;
}): Promise<Omit<RedriveFindOutput, 'queue'>> {
  const { notices, problems, payloads } = options.read ?? (await readNotices(options.from));
  const records: PreviewRecord[] = [];
  let truncated = false;
  let taken = 0;
  let takenFromPayload = 0;
  const limit = options.wholeRecords ? Number.POSITIVE_INFINITY : PREVIEW_LIMIT;
  const maskers = new Map<string, RecordMasker>();
  for (const stream of new Set(notices.map((notice) => notice.stream))) maskers.set(stream, await options.masker(stream));
  const { outcomes, ranges, payloadOnly } = await findRecords({
    reading: options.reading,
    notices,
    payloads,
    take: async (record, stream, fromPayload) => {
      await options.check?.(record, fromPayload);
      taken++;
      if (fromPayload) takenFromPayload++;
      const masker = maskers.get(stream)!;
      if (options.countOnly) return;
      if (records.length < MAX_FOUND_RECORDS) records.push(toPreviewRecord(masker.mask(record), limit));
      else truncated = true;
    },
  });
  options.payloadOnly?.(payloadOnly);
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
        fromPayload: takenFromPayload,
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

/** What a job over a plan's notices covers: one stream, its ranges, and the payloads standing in for what the stream lost. */
export interface PlannedJob {
  stream: string;
  ranges: RecordRange[];
  payloads?: PayloadSource;
}

/**
 * The one stream whose records a plan found, its merged ranges, and those of notices whose shard
 * or stream is gone but whose payloads hold their records (of that stream, or of the one stream
 * such notices name when none was read). `from` is where the job finds the notices again.
 */
export function jobOfPlan(
  plan: RedriveFindOutput['plan'],
  what: string,
  found?: { from: string; read: ParsedNotices; payloadOnly: ReadonlySet<number> },
): PlannedJob {
  const held = (index: number) => (found?.read.payloads?.get(found.read.notices[index]!)?.length ?? 0) > 0;
  const gone = mergeRanges(plan.notices, (_, index) => Boolean(found?.payloadOnly.has(index)) && held(index));
  const read = [...new Set(plan.ranges.map((range) => range.stream))];
  const streams = read.length > 0 ? read : [...new Set(gone.map((range) => range.stream))];
  if (streams.length === 0) throw new AppError('invalid-input', `None of the notices has records to ${what}.`);
  if (streams.length > 1)
    throw new AppError(
      'invalid-input',
      `The notices name ${streams.length} streams (${streams.join(', ')}); ${what} one stream's at a time.`,
    );
  const stream = streams[0]!;
  const ranges = [...plan.ranges, ...gone.filter((range) => range.stream === stream)].map(({ shardId, start, end }) => ({
    shardId,
    start,
    end,
  }));
  const payloads = found && payloadSourceOf(found.from, found.read, plan, { stream, ranges, payloadOnly: found.payloadOnly });
  return { stream, ranges, ...(payloads ? { payloads } : {}) };
}

/** The copy that puts back the records a plan found: one source stream, its merged ranges. */
export function copyOfPlan(job: PlannedJob, target: Pick<CopySpec, 'target' | 'targetProfile' | 'keys' | 'map'>): CopySpec {
  const { map, ...rest } = target;
  return {
    source: job.stream,
    ...rest,
    ...(map ? { map } : {}),
    ...(job.payloads ? { payloads: job.payloads } : {}),
    from: { type: 'TRIM_HORIZON' },
    until: { type: 'caught-up' },
    rate: null,
    ranges: job.ranges,
  };
}

/** The ingestion run that exports the records a plan found: one stream, its merged ranges. */
export function exportOfPlan(
  job: PlannedJob,
  run: Pick<RunSpecInput, 'folder' | 'format' | 'delimiter' | 'compression' | 'masking'>,
): RunSpec {
  const { stream, ranges, payloads } = job;
  const given = payloads ? { payloads } : {};
  return runSpecSchema.parse({ ...run, stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, ranges, ...given });
}

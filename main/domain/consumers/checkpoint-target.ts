import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { Checkpoint, CheckpointTarget } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { processedThrough } from '../engine/leases/lease-format';
import type { ShortReadStart } from '../engine/reader/read-one';
import type { ShortReader } from './checkpoint-lag';

/** Records per read while looking for the record before a time (Kinesis allows 10,000). */
const SEARCH_PAGE = 1_000;
/** Reads one shard's search may take before it gives up and asks for a sequence number instead. */
const SEARCH_READS = 60;
/** Windows before the time, widened tenfold: a second, ten, … past the longest retention (365 days). */
const WINDOWS_MS = [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 4e10];

export interface ResolvedTarget {
  checkpoint: Checkpoint;
  resumesAt: string;
}

const arrival = (r: KinesisRecord) => r.ApproximateArrivalTimestamp?.getTime() ?? 0;
const resumesAtOf = (first: KinesisRecord | undefined) =>
  first
    ? `${first.SequenceNumber} (arrived ${first.ApproximateArrivalTimestamp?.toISOString() ?? 'unknown'})`
    : 'records written after the move';

/**
 * The checkpoint that makes the KCL resume at the first record at or after `time`: the record
 * just before it, counted as processed to its last user record (the KCL skips what is at or
 * below its checkpoint), or TRIM_HORIZON when nothing older is left in the shard. Found with
 * short reads: windows before the time widened tenfold until one holds a record, then the start
 * narrowed by halves until one read from it reaches the time, so dense data far back costs a few
 * reads, not a scan of it.
 */
export async function checkpointBefore(read: ShortReader, time: Date): Promise<ResolvedTarget> {
  const at = time.getTime();
  let reads = 0;
  const take = (start: ShortReadStart, limit: number) => {
    if (++reads > SEARCH_READS)
      throw new AppError(
        'unavailable',
        `No record before ${time.toISOString()} was found in ${SEARCH_READS} reads: move to a sequence number instead.`,
      );
    return read(start, limit);
  };
  /** Whether a record arrived in [from, at). */
  const holdsOne = async (from: number) => {
    const [first] = (await take({ type: 'AT_TIMESTAMP', timestamp: new Date(from) }, 1)).records;
    return first !== undefined && arrival(first) < at;
  };

  // lo: a start with a record in [lo, at); hi: one with none in [hi, at).
  let lo: number | null = null;
  let hi = at;
  for (const window of WINDOWS_MS) {
    if (await holdsOne(at - window)) {
      lo = at - window;
      break;
    }
    hi = at - window;
  }
  if (lo === null) return { checkpoint: { type: 'TRIM_HORIZON' }, resumesAt: 'the oldest record in the shard' };

  for (;;) {
    let start: ShortReadStart = { type: 'AT_TIMESTAMP', timestamp: new Date(lo) };
    let lastBefore: KinesisRecord | undefined;
    // Read forward from lo; within a millisecond of the time nothing narrower exists, so page on.
    for (let page = 0; page === 0 || hi - lo <= 1; page++) {
      const answer = await take(start, SEARCH_PAGE);
      const before = answer.records.filter((r) => arrival(r) < at);
      lastBefore = before.at(-1) ?? lastBefore;
      const reached =
        before.length < answer.records.length ||
        (answer.records.length < SEARCH_PAGE && (answer.millisBehindLatest === 0 || answer.nextIterator === null));
      if (reached && lastBefore) return { checkpoint: processedThrough(lastBefore), resumesAt: resumesAtOf(answer.records[before.length]) };
      if (reached || !answer.nextIterator) break;
      start = { type: 'ITERATOR', iterator: answer.nextIterator };
    }
    // The page's last record is before the time: nothing is lost by starting from it.
    if (lastBefore) lo = Math.max(lo, arrival(lastBefore));
    const mid = Math.floor((lo + hi) / 2);
    if (mid === lo) hi = lo + 1;
    else if (await holdsOne(mid)) lo = mid;
    else hi = mid;
  }
}

/** Where one shard's checkpoint goes for a target, checked against the shard. */
export async function resolveTarget(target: CheckpointTarget, read: ShortReader): Promise<ResolvedTarget> {
  switch (target.type) {
    case 'TRIM_HORIZON':
      return { checkpoint: { type: 'TRIM_HORIZON' }, resumesAt: 'the oldest record in the shard' };
    case 'LATEST':
      return { checkpoint: { type: 'LATEST' }, resumesAt: 'records written after the application starts' };
    case 'AT_TIMESTAMP':
      return checkpointBefore(read, new Date(target.timestamp));
    case 'AFTER_SEQUENCE_NUMBER': {
      const page = await read({ type: 'AT_SEQUENCE_NUMBER', sequenceNumber: target.sequenceNumber }, 2);
      const [record, next] = page.records;
      if (record?.SequenceNumber !== target.sequenceNumber)
        throw new AppError('not-found', `The shard holds no record ${target.sequenceNumber} (trimmed, or of another shard).`);
      return {
        checkpoint: processedThrough(record),
        resumesAt: next ? `${next.SequenceNumber} (the record after it)` : 'records written after it',
      };
    }
  }
}

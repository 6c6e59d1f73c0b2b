import type { StartPosition } from '../../../../shared/contract';
import type { DecodedRecord } from '../decode/record';
import { startFromMarks, takenBefore } from '../reader/range-scan';
import type { ShardMark } from './job-manifest';

/**
 * Where a resumable job's scan picks up: each shard after its saved mark, the records at or
 * before it passed over as already taken. A LATEST job that resumes reads from the moment it
 * first started, so nothing that arrived meanwhile is missed.
 */
export function resumePoint(
  manifest: { shards: Record<string, ShardMark>; startedAt: string },
  from: StartPosition,
  resume: boolean,
): { from: StartPosition; startAt: ReturnType<typeof startFromMarks>; seen: (record: DecodedRecord) => boolean } {
  // A copy of the marks as the job opened: the journal moves its own as records are taken.
  const marks = structuredClone(manifest.shards);
  return {
    from: resume && from.type === 'LATEST' ? { type: 'AT_TIMESTAMP', timestamp: manifest.startedAt } : from,
    startAt: startFromMarks(marks),
    seen: (record) => takenBefore(marks[record.shardId], record.sequenceNumber, record.subSequenceNumber),
  };
}

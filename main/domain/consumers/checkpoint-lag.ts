import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { Checkpoint } from '../../../shared/contract';
import { countUserRecords, isAggregated } from '../engine/kpl/deaggregate';
import type { ShortRead, ShortReadStart } from '../engine/reader/read-one';

/**
 * Records one lag read may bring back: enough to count a small backlog exactly, few enough that
 * measuring every shard of every application stays a small share of the shard's 2 MiB/s.
 */
export const LAG_READ_LIMIT = 50;

export interface CheckpointLag {
  checkpointArrivedAt: string | null;
  lagMillis: number | null;
  recordsBehind: { count: number; exact: boolean } | null;
  note: string | null;
}

export type ShortReader = (start: ShortReadStart, limit: number) => Promise<ShortRead>;

const arrival = (record: KinesisRecord | undefined) => record?.ApproximateArrivalTimestamp?.getTime() ?? null;

/** The user records a Kinesis record holds: a KPL aggregate's count, 1 for any other record. */
function userRecordsIn(record: KinesisRecord): number {
  const data = record.Data ?? new Uint8Array();
  if (!isAggregated(data)) return 1;
  const users = countUserRecords(data);
  return users.ok ? users.count : 1;
}

/** User records of a KPL aggregate after `subSequence`: a checkpoint inside an aggregate leaves the rest of it to read. */
function restOfAggregate(record: KinesisRecord, subSequence: number): number {
  return Math.max(0, userRecordsIn(record) - 1 - subSequence);
}

/**
 * How far behind a checkpoint is: the age of the oldest record after it (0 when there is none),
 * from one short read at the checkpointed record, which also says when that record arrived.
 * Null where it cannot be known (an AT_TIMESTAMP start, whose time lives in the application's
 * configuration, not in its lease).
 */
export async function measureCheckpointLag(checkpoint: Checkpoint | null, read: ShortReader, now = Date.now()): Promise<CheckpointLag> {
  const unknown = (note: string): CheckpointLag => ({ checkpointArrivedAt: null, lagMillis: null, recordsBehind: null, note });
  if (checkpoint === null) return unknown('The lease has no checkpoint.');
  switch (checkpoint.type) {
    case 'SHARD_END':
      return { checkpointArrivedAt: null, lagMillis: 0, recordsBehind: { count: 0, exact: true }, note: 'Read to its end.' };
    case 'LATEST':
      return {
        checkpointArrivedAt: null,
        lagMillis: 0,
        recordsBehind: { count: 0, exact: true },
        note: 'Starts at the newest record when leased: what is in the shard now will not be processed.',
      };
    case 'AT_TIMESTAMP':
      return unknown('Starts at a time kept in the application’s configuration, not in its lease.');
    case 'unknown':
      return unknown(`A checkpoint Shardscope does not know: ${checkpoint.raw ?? 'none'}.`);
    case 'TRIM_HORIZON': {
      const page = await read({ type: 'TRIM_HORIZON' }, LAG_READ_LIMIT);
      return fromFollowing(page.records, page, null, 0, now);
    }
    case 'sequence': {
      const page = await read({ type: 'AT_SEQUENCE_NUMBER', sequenceNumber: checkpoint.sequenceNumber }, LAG_READ_LIMIT);
      const [first] = page.records;
      // An empty page says nothing of the record (Kinesis may answer one before the data): estimate from it.
      if (!first) return fromFollowing([], page, null, 0, now);
      if (first.SequenceNumber !== checkpoint.sequenceNumber) {
        // Kinesis has trimmed it: what was between it and the trim horizon is gone for this application.
        const lag = fromFollowing(page.records, page, null, 0, now);
        return { ...lag, note: 'The checkpointed record is past the stream’s retention: records after it were trimmed unread.' };
      }
      const rest = restOfAggregate(first, checkpoint.subSequenceNumber);
      return fromFollowing(page.records.slice(1), page, first, rest, now);
    }
  }
}

function fromFollowing(
  following: KinesisRecord[],
  page: ShortRead,
  checkpointed: KinesisRecord | null,
  restOfCheckpointed: number,
  now: number,
): CheckpointLag {
  const checkpointArrivedAt = arrival(checkpointed ?? undefined);
  // At the tip of an open shard, or at the end of a closed one (no iterator after it).
  const atTip = page.records.length < LAG_READ_LIMIT && (page.millisBehindLatest === 0 || page.nextIterator === null);
  // In user records, as the KCL counts what it hands the application: an aggregate is its user records.
  const count = following.reduce((sum, record) => sum + userRecordsIn(record), 0) + restOfCheckpointed;
  const recordsBehind = { count, exact: atTip };
  const oldest = restOfCheckpointed > 0 ? checkpointArrivedAt : arrival(following[0]);
  const base = { checkpointArrivedAt: checkpointArrivedAt === null ? null : new Date(checkpointArrivedAt).toISOString(), recordsBehind };
  if (oldest !== null) return { ...base, lagMillis: Math.max(0, now - oldest), note: null };
  // Nothing after it in this page: caught up at the tip, or a gap Kinesis answered empty; then its own estimate.
  if (atTip || page.millisBehindLatest === null || page.millisBehindLatest === 0)
    return { ...base, lagMillis: atTip ? 0 : null, note: null };
  return { ...base, lagMillis: page.millisBehindLatest, recordsBehind: null, note: 'Estimated from Kinesis’s MillisBehindLatest.' };
}

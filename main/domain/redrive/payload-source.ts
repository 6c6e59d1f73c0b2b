import { createHash } from 'node:crypto';
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { PayloadSource, RecordRange } from '../../../shared/contract/record-ranges';
import type { RedrivePlan } from '../../../shared/contract/redrive';
import { AppError } from '../../core/app-error';
import type { ShardRecords } from '../engine/reader/record-ranges';
import type { ParsedNotices } from './notices';

/**
 * Payload bytes a job over notices holds at most: its records retention took wait in memory to
 * be written before the stream's. Past it the job is refused rather than read partly.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

/** Stands for a payload's records: what a resume must find again to write the same records. */
function digestOf(records: readonly KinesisRecord[]): string {
  const hash = createHash('sha256');
  for (const record of records) {
    const arrival = record.ApproximateArrivalTimestamp?.getTime() ?? '';
    hash.update(`${record.SequenceNumber}\n${record.PartitionKey}\n${arrival}\n${record.Data!.length}\n`).update(record.Data!);
  }
  return hash.digest('base64url');
}

const bytesOf = (records: readonly KinesisRecord[]) => records.reduce((sum, record) => sum + record.Data!.length, 0);

function refuseTooLarge(bytes: number): never {
  throw new AppError(
    'invalid-input',
    `The notices' payloads hold ${bytes} bytes of records for this job, more than the ${MAX_PAYLOAD_BYTES} one job keeps at once: redrive fewer notices at a time (a narrower prefix or folder).`,
  );
}

/**
 * The payloads a job over a plan's ranges may take records from: those of its stream's notices on
 * the ranges' shards that were looked for in the stream, or whose shard or stream is gone (not
 * those of another region or account, nor of a stream made again, whose sequence numbers may
 * repeat), each with a digest of its records. Undefined where no such notice has a payload.
 */
export function payloadSourceOf(
  from: string,
  read: ParsedNotices,
  plan: RedrivePlan,
  job: { stream: string; ranges: readonly RecordRange[]; payloadOnly: ReadonlySet<number> },
): PayloadSource | undefined {
  const shards = new Set(job.ranges.map((range) => range.shardId));
  const chosen = read.notices.flatMap((notice, index) => {
    const records = read.payloads?.get(notice) ?? [];
    const usable = plan.notices[index]?.outcome?.reason === null || job.payloadOnly.has(index);
    return usable && records.length > 0 && notice.stream === job.stream && shards.has(notice.shardId) ? [{ notice, records }] : [];
  });
  if (chosen.length === 0) return undefined;
  const bytes = chosen.reduce((sum, { records }) => sum + bytesOf(records), 0);
  if (bytes > MAX_PAYLOAD_BYTES) refuseTooLarge(bytes);
  return { from, notices: chosen.map(({ notice, records }) => ({ source: notice.source, digest: digestOf(records) })) };
}

/**
 * The records of a job's payload source, read again: each notice it names must be there with the
 * same records, or the job is refused (a resume would write other records than it began with).
 * Only records inside the job's ranges are kept, each once, per shard in sequence order.
 */
export function payloadsOf(source: PayloadSource, read: ParsedNotices, ranges: readonly RecordRange[]): ShardRecords {
  const bySource = new Map<string, { shardId: string; records: KinesisRecord[] }[]>();
  for (const [{ source: where, shardId }, records] of read.payloads ?? [])
    bySource.set(where, [...(bySource.get(where) ?? []), { shardId, records }]);
  const byShard = new Map<string, Map<string, KinesisRecord>>();
  let bytes = 0;
  for (const saved of source.notices) {
    const candidates = bySource.get(saved.source);
    if (!candidates)
      throw new AppError(
        'conflict',
        `The notice ${saved.source} is gone, or has no payload any more, since this redrive began: the records only its payload held cannot be written. Start the redrive over to write what the notices hold now.`,
      );
    const same = candidates.find((candidate) => digestOf(candidate.records) === saved.digest);
    if (!same)
      throw new AppError(
        'conflict',
        `The notice ${saved.source} changed since this redrive began: its payload's records are not those the redrive was planned with, so carrying it on would write other records. Start the redrive over to write what the notices hold now.`,
      );
    const { shardId, records } = same;
    for (const record of records) {
      if (!ranges.some((range) => inside(range, shardId, record.SequenceNumber!))) continue;
      const kept = byShard.get(shardId) ?? new Map<string, KinesisRecord>();
      byShard.set(shardId, kept);
      if (kept.has(record.SequenceNumber!)) continue;
      kept.set(record.SequenceNumber!, record);
      bytes += record.Data!.length;
      if (bytes > MAX_PAYLOAD_BYTES) refuseTooLarge(bytes);
    }
  }
  const sorted = (list: KinesisRecord[]) => list.sort((a, b) => (BigInt(a.SequenceNumber!) < BigInt(b.SequenceNumber!) ? -1 : 1));
  return new Map([...byShard].map(([shardId, kept]) => [shardId, sorted([...kept.values()])]));
}

function inside(range: RecordRange, shardId: string, sequenceNumber: string): boolean {
  const at = BigInt(sequenceNumber);
  return range.shardId === shardId && BigInt(range.start) <= at && at <= BigInt(range.end);
}

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { CopyEstimate, CopySpec } from '../../../../shared/contract/writes';
import { describeStream } from '../../engine/kinesis/stream-detail';
import { SHARD_WRITE_BYTES_PER_SECOND, SHARD_WRITE_RECORDS_PER_SECOND } from '../limits';
import { countOf } from '../../../../shared/plural';

/** Kinesis keeps records 24 hours by default; a copy from TRIM_HORIZON is counted over that. */
const DEFAULT_RETENTION_MS = 24 * 3_600_000;

/** The moments a copy's window spans, where they can be told before reading. */
export function windowOf(spec: CopySpec, now = new Date()): { start: Date; end: Date } {
  const end = spec.until.type === 'time' ? new Date(spec.until.time) : now;
  const start =
    spec.from.type === 'AT_TIMESTAMP'
      ? new Date(spec.from.timestamp)
      : spec.from.type === 'LATEST'
        ? now
        : new Date(now.getTime() - DEFAULT_RETENTION_MS);
  return { start, end };
}

/**
 * How fast a copy will write (the rate given, else the target's capacity: 1,000 records and
 * 1 MiB a second per open shard) and, where the window's size can be known, how long it takes.
 */
export async function estimateCopy(
  target: KinesisClient,
  spec: CopySpec,
  windowRecords: (start: Date, end: Date) => Promise<number | null>,
): Promise<Omit<CopyEstimate, 'target'>> {
  const detail = await describeStream(target, spec.target);
  const open = detail.openShards;
  const capacity = Math.max(1, open) * SHARD_WRITE_RECORDS_PER_SECOND;
  const recordsPerSecond = spec.rate ? Math.min(spec.rate, capacity) : capacity;
  const bytesPerSecond = Math.max(1, open) * SHARD_WRITE_BYTES_PER_SECOND;
  const { start, end } = windowOf(spec);
  const records = await windowRecords(start, end);
  const seconds = records === null ? null : Math.ceil(records / recordsPerSecond);
  const pace = `${recordsPerSecond.toLocaleString('en-US')} records/s and ${(bytesPerSecond / 1024 / 1024).toFixed(0)} MiB/s at most (${countOf(open, 'open shard')} in ${spec.target})`;
  const note =
    records === null
      ? `Writes ${pace}. How many records the window holds cannot be known before reading it here (CloudWatch counts them on AWS only).`
      : `About ${countOf(records, 'record')} at ${pace}: about ${formatDuration(seconds!)}.`;
  return {
    targetOpenShards: open,
    recordsPerSecond,
    bytesPerSecond,
    windowRecords: records,
    seconds,
    note,
  };
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3_600).toFixed(1)} h`;
}

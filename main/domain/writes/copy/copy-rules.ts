import type { CopySpec } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import type { DecodedRecord } from '../../engine/decode/record';
import type { RecordMapping } from '../../engine/decode/record-mapping';

/**
 * A copy of a stream into itself, on the same connection and with its keys kept, lands each
 * record back on the shard being read: read up to "caught up", it would chase its own writes.
 * Refused here, for every host, before a plan is made or a copy started.
 */
export function refuseEndlessSelfCopy(spec: CopySpec, sameConnection: boolean): void {
  // Given ranges end at their last records, whatever the copy writes after them.
  if (spec.source !== spec.target || !sameConnection || spec.ranges) return;
  if (spec.keys.type === 'keep' && spec.until.type === 'caught-up')
    throw new AppError('invalid-input', 'Copying a stream into itself until caught up would never end: give an end time.');
}

/** Where a record is, as a person finds it again: its shard, sequence number and place in an aggregate. */
export const positionOf = (record: DecodedRecord) =>
  `${record.shardId} ${record.sequenceNumber}${record.subSequenceNumber === null ? '' : `/${record.subSequenceNumber}`}`;

/**
 * A record reshaped by a copy's map: its JSON data mapped and written as JSON (a key taken from a
 * field is taken from the result), or why it cannot be, with where the record is.
 */
export async function mappedRecord(
  record: DecodedRecord,
  mapping: RecordMapping,
): Promise<{ record: DecodedRecord; data: Buffer } | { problem: string }> {
  if (record.encoding !== 'json' || record.error)
    return {
      problem: `The map takes JSON records; the record ${positionOf(record)} is ${record.encoding}${record.error ? ` (${record.error})` : ''}.`,
    };
  const result = await mapping(record.value);
  if (!result.ok) return { problem: `The map fails on the record ${positionOf(record)}: ${result.reason}.` };
  const data = Buffer.from(JSON.stringify(result.data), 'utf8');
  return { record: { ...record, value: result.data, bytes: data }, data };
}

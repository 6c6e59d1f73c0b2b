import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { deaggregate, isAggregated } from '../kpl/deaggregate';
import { decodePayload, type DecodedPayload } from './payload';

/** One user record as read: a plain Kinesis record, or one record out of a KPL aggregate. */
export interface DecodedRecord extends DecodedPayload {
  shardId: string;
  sequenceNumber: string;
  subSequenceNumber: number | null;
  partitionKey: string;
  arrivalTime: string;
  /** Bytes as stored in Kinesis, before decompression. */
  size: number;
}

/** Every user record in a Kinesis record, decoded; a corrupt aggregate becomes one raw record with the reason. */
export function decodeRecord(shardId: string, record: KinesisRecord): DecodedRecord[] {
  const data = Buffer.from(record.Data ?? new Uint8Array());
  const base = {
    shardId,
    sequenceNumber: record.SequenceNumber ?? '',
    partitionKey: record.PartitionKey ?? '',
    arrivalTime: (record.ApproximateArrivalTimestamp ?? new Date()).toISOString(),
  };
  if (isAggregated(data)) {
    const split = deaggregate(data, base.partitionKey, base.sequenceNumber);
    if (split.ok) {
      return split.records.map((user) => ({
        ...base,
        ...decodePayload(user.data),
        partitionKey: user.partitionKey,
        subSequenceNumber: user.subSequenceNumber,
        size: user.data.length,
      }));
    }
    return [{ ...base, subSequenceNumber: null, size: data.length, compression: null, encoding: 'binary', value: data, bytes: data, error: split.reason }];
  }
  return [{ ...base, ...decodePayload(data), subSequenceNumber: null, size: data.length }];
}

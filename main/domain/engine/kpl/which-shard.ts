import type { Shard, ShardFor } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { hashKeyOf, shardForHashKey } from '../kinesis/shard-for';
import { deaggregate } from './deaggregate';

/** Enough for any 1 MiB aggregate of non-empty records; the tag count refuses more before building. */
const MAX_USER_RECORDS = 200_000;
/** User records listed one by one; the count of those placed elsewhere still covers them all. */
export const LISTED_USER_RECORDS = 1000;

export interface RecordKeys {
  partitionKey?: string;
  explicitHashKey?: string;
  /** The record's bytes when it is a KPL aggregate. */
  aggregate?: Uint8Array;
}

function hashKeyFor(partitionKey: string | undefined, explicitHashKey: string | null | undefined): bigint {
  return explicitHashKey !== undefined && explicitHashKey !== null ? BigInt(explicitHashKey) : hashKeyOf(partitionKey ?? '');
}

/**
 * Where a record goes: by its explicit hash key when it has one (as PutRecord routes), else by
 * the MD5 of its partition key; for an aggregate, also where each user record would have gone
 * put on its own, by its own key or explicit hash key.
 */
export function whichShard(shards: readonly Shard[], keys: RecordKeys): ShardFor {
  const routedBy = keys.explicitHashKey !== undefined ? 'explicit-hash-key' : 'partition-key';
  const placed = shardForHashKey(shards, hashKeyFor(keys.partitionKey, keys.explicitHashKey));
  const byPartitionKey =
    routedBy === 'explicit-hash-key' && keys.partitionKey !== undefined
      ? (({ shardId, hashKey }) => ({ shardId, hashKey }))(shardForHashKey(shards, hashKeyOf(keys.partitionKey)))
      : null;
  return {
    ...placed,
    routedBy,
    byPartitionKey,
    aggregate: keys.aggregate ? userRecordPlaces(shards, keys.aggregate, placed.shardId) : null,
  };
}

function userRecordPlaces(shards: readonly Shard[], bytes: Uint8Array, aggregateShard: string | null): NonNullable<ShardFor['aggregate']> {
  const split = deaggregate(bytes, MAX_USER_RECORDS);
  if (!split.ok) throw new AppError('invalid-input', `These bytes are not a KPL aggregate: ${split.reason}.`);
  let elsewhere = 0;
  const userRecords: NonNullable<ShardFor['aggregate']>['userRecords'] = [];
  split.records.forEach((record, index) => {
    let place: { shardId: string | null; hashKey: string };
    try {
      place = shardForHashKey(shards, hashKeyFor(record.partitionKey, record.explicitHashKey));
    } catch {
      // An explicit hash key in the aggregate that is not a number places nowhere.
      place = { shardId: null, hashKey: record.explicitHashKey ?? '' };
    }
    if (place.shardId !== aggregateShard) elsewhere += 1;
    if (userRecords.length < LISTED_USER_RECORDS)
      userRecords.push({
        index,
        partitionKey: record.partitionKey,
        explicitHashKey: record.explicitHashKey,
        bytes: record.data.length,
        shardId: place.shardId,
        hashKey: place.hashKey,
      });
  });
  return { userRecords, total: split.records.length, elsewhere };
}

import { createHash } from 'node:crypto';
import type { Shard } from '../../../../shared/contract';

export interface Placement {
  shardId: string | null;
  hashKey: string;
  reason: string | null;
}

/** Kinesis places a record by the MD5 of its partition key, read as a 128-bit unsigned integer. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

/** The open shard whose hash-key range holds the key. */
export function shardForHashKey(shards: readonly Shard[], hashKey: bigint): Placement {
  const open = shards.filter((shard) => shard.open);
  const match = open.find((shard) => BigInt(shard.hashKeyRange.start) <= hashKey && hashKey <= BigInt(shard.hashKeyRange.end));
  if (match) return { shardId: match.shardId, hashKey: hashKey.toString(), reason: null };
  return {
    shardId: null,
    hashKey: hashKey.toString(),
    reason:
      open.length === 0
        ? 'The stream has no open shard.'
        : 'No open shard covers this hash key: the open shards leave a gap in the key space.',
  };
}

import { createHash } from 'node:crypto';

/** Where a key routes in the 128-bit hash space: the exact key (for a split), and its top 52 bits as a number (for buckets). */
export interface KeyHash {
  /** The top 52 bits: exact enough to place a key in a histogram bucket, and cheap, where a BigInt per record is not. */
  readonly top: number;
  exact(): bigint;
}

const TOP_SHIFT = 76n;

/** The top 52 bits of a 128-bit hash key. */
export function topBits(hashKey: bigint): number {
  return Number(hashKey >> TOP_SHIFT);
}

/**
 * A user record routes by its explicit hash key when it has one, else by the MD5 of its
 * partition key read as an unsigned 128-bit integer, as Kinesis and the KPL route it.
 */
export function keyHash(partitionKey: string, explicitHashKey: string | null | undefined): KeyHash {
  if (explicitHashKey) {
    const exact = BigInt(explicitHashKey);
    return { top: topBits(exact), exact: () => exact };
  }
  const hex = createHash('md5').update(partitionKey, 'utf8').digest('hex');
  return { top: parseInt(hex.slice(0, 13), 16), exact: () => BigInt(`0x${hex}`) };
}

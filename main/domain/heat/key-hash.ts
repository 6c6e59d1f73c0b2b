import { hash } from 'node:crypto';

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
  if (explicitHashKey) return new ExplicitHash(BigInt(explicitHashKey));
  // The one-shot hash: half of createHash's cost, which is most of the sink's per record.
  return new PartitionKeyHash(hash('md5', partitionKey, 'hex'));
}

class ExplicitHash implements KeyHash {
  readonly top: number;
  constructor(private readonly key: bigint) {
    this.top = topBits(key);
  }
  exact(): bigint {
    return this.key;
  }
}

/** The BigInt is built only when asked: for the keys a sketch holds, not for every record. */
class PartitionKeyHash implements KeyHash {
  readonly top: number;
  constructor(private readonly hex: string) {
    this.top = parseInt(hex.slice(0, 13), 16);
  }
  exact(): bigint {
    return BigInt(`0x${this.hex}`);
  }
}

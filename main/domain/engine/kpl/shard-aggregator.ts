import type { Shard } from '../../../../shared/contract';
import { hashKeyOf } from '../kinesis/shard-for';
import { AggregateBuilder } from './aggregate-builder';

export interface KinesisRecordOut {
  data: Buffer;
  partitionKey: string;
  explicitHashKey?: string;
  /** User records inside: 1 for a record sent as it is. */
  userRecords: number;
}

/**
 * Packs user records into KPL aggregates the way the KPL does: only records bound for the same
 * shard share an aggregate, and the aggregate is sent with an explicit hash key inside that
 * shard's range, so each user record lands on the shard its own partition key maps to.
 */
export class ShardAggregator {
  private readonly open: { start: bigint; end: bigint; aggregator: AggregateBuilder; first: string | null; firstKey: string | null }[];

  constructor(shards: readonly Shard[]) {
    this.open = shards
      .filter((shard) => shard.open)
      .map((shard) => ({
        start: BigInt(shard.hashKeyRange.start),
        end: BigInt(shard.hashKeyRange.end),
        aggregator: new AggregateBuilder(),
        first: null,
        firstKey: null,
      }));
  }

  /** Adds a user record; gives back the aggregates (or the record itself) ready to send. */
  add(partitionKey: string, data: Buffer): KinesisRecordOut[] {
    const hash = hashKeyOf(partitionKey);
    const slot = this.open.find((shard) => shard.start <= hash && hash <= shard.end);
    // No open shard holds the key (a stream mid-reshard): sent on its own, placed by Kinesis.
    if (!slot) return [{ data, partitionKey, userRecords: 1 }];
    const record = { partitionKey, data };
    const ready: KinesisRecordOut[] = [];
    if (!slot.aggregator.fits(record)) {
      const built = this.build(slot);
      if (built) ready.push(built);
      // Too large to fit an aggregate even alone: it goes as a plain record.
      if (!slot.aggregator.fits(record)) return [...ready, { data, partitionKey, userRecords: 1 }];
    }
    slot.aggregator.add(record);
    slot.first ??= hash.toString();
    slot.firstKey ??= partitionKey;
    return ready;
  }

  /** Every aggregate still being filled. */
  flush(): KinesisRecordOut[] {
    return this.open.map((slot) => this.build(slot)).filter((out): out is KinesisRecordOut => out !== null);
  }

  private build(slot: (typeof this.open)[number]): KinesisRecordOut | null {
    const userRecords = slot.aggregator.length;
    if (userRecords === 0) return null;
    const explicitHashKey = slot.first!;
    const partitionKey = slot.firstKey!;
    slot.first = null;
    slot.firstKey = null;
    return { data: slot.aggregator.build(), partitionKey, explicitHashKey, userRecords };
  }
}

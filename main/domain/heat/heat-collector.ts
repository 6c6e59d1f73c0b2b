import type { Shard } from '../../../shared/contract';
import type { DecodedRecord } from '../engine/decode/record';
import { keyHash, topBits, type KeyHash } from './key-hash';
import { ShardHeat, type HeatSample, type KeyValue, type Load } from './shard-heat';
import { SpaceSaving } from './space-saving';

export const OVERALL_CAPACITY = 1_024;

/** A key held apart by its explicit hash key: the same partition key routed two ways is two loads. */
const keyOf = (partitionKey: string, explicitHashKey: string | null | undefined) =>
  explicitHashKey ? `${partitionKey}\u0000${explicitHashKey}` : partitionKey;

/**
 * Heat as a sink of the range scan: every user record counted under its own key (a KPL
 * aggregate's records each under theirs, routed by their explicit hash key where they have one),
 * per shard and per second, in sketches of bounded size.
 */
export class HeatCollector {
  readonly shards = new Map<string, ShardHeat>();
  readonly byBytes = new SpaceSaving<KeyValue>(OVERALL_CAPACITY);
  readonly byRecords = new SpaceSaving<KeyValue>(OVERALL_CAPACITY);
  readonly totals: Load = { records: 0, userRecords: 0, bytes: 0 };
  firstArrival = Infinity;
  lastArrival = -Infinity;
  private shardMap = new Map<string, Shard>();
  /** The record being counted, for `freshValue`: one function made once, where a closure per record would keep the collector busy. */
  private current: { partitionKey: string; explicitHashKey: string | null; hash: KeyHash } = {
    partitionKey: '',
    explicitHashKey: null,
    hash: keyHash('', null),
  };
  private readonly freshValue = (): KeyValue => ({ ...this.current });
  private readonly sample: HeatSample = {
    second: 0,
    kinesisRecord: false,
    bytes: 0,
    key: '',
    value: this.freshValue,
    hash: this.current.hash,
  };

  constructor(private readonly stepSeconds: number) {}

  /** The shards as ListShards gives them; each shard's histogram spans its hash range. */
  knowShards(shards: readonly Shard[]): void {
    for (const shard of shards) {
      this.shardMap.set(shard.shardId, shard);
      this.shards.get(shard.shardId)?.placeIn(topBits(BigInt(shard.hashKeyRange.start)), topBits(BigInt(shard.hashKeyRange.end)));
    }
  }

  knows(shardId: string): boolean {
    return this.shardMap.has(shardId);
  }

  get shardList(): Shard[] {
    return [...this.shardMap.values()];
  }

  take(record: DecodedRecord): void {
    const { partitionKey, explicitHashKey = null } = record;
    const key = keyOf(partitionKey, explicitHashKey);
    // A held key's hash is known: the MD5 is worked out once per key the sketch holds, not once per record.
    const hash: KeyHash = this.byBytes.get(key)?.value.hash ?? keyHash(partitionKey, explicitHashKey);
    const current = this.current;
    current.partitionKey = partitionKey;
    current.explicitHashKey = explicitHashKey;
    current.hash = hash;
    // Kinesis counts the partition key against the shard's bytes, beside the data.
    const bytes = record.size + Buffer.byteLength(partitionKey);
    const arrival = Date.parse(record.arrivalTime);
    const kinesisRecord = record.subSequenceNumber === null || record.subSequenceNumber === 0;
    this.totals.records += kinesisRecord ? 1 : 0;
    this.totals.userRecords += 1;
    this.totals.bytes += bytes;
    if (arrival < this.firstArrival) this.firstArrival = arrival;
    if (arrival > this.lastArrival) this.lastArrival = arrival;
    this.byBytes.add(key, bytes, this.freshValue);
    this.byRecords.add(key, 1, this.freshValue);
    const sample = this.sample;
    sample.second = Math.floor(arrival / 1000);
    sample.kinesisRecord = kinesisRecord;
    sample.bytes = bytes;
    sample.key = key;
    sample.hash = hash;
    this.heatOf(record.shardId).add(sample);
  }

  /** A shard's heat, begun empty the first time it is asked for. */
  heatOf(shardId: string): ShardHeat {
    let heat = this.shards.get(shardId);
    if (!heat) {
      heat = new ShardHeat(this.stepSeconds);
      const known = this.shardMap.get(shardId);
      if (known) heat.placeIn(topBits(BigInt(known.hashKeyRange.start)), topBits(BigInt(known.hashKeyRange.end)));
      this.shards.set(shardId, heat);
    }
    return heat;
  }

  /** The window is read: every second still open is closed. */
  finish(): void {
    for (const heat of this.shards.values()) heat.closeSeconds();
  }
}

import { HEAT_HISTOGRAM_BUCKETS, SHARD_WRITE_LIMITS } from '../../../shared/contract/heat';
import type { KeyHash } from './key-hash';
import { SpaceSaving } from './space-saving';

export interface Load {
  records: number;
  userRecords: number;
  bytes: number;
}

/** What the sketches keep beside each key. */
export interface KeyValue {
  partitionKey: string;
  explicitHashKey: string | null;
  hash: KeyHash;
}

/** One user record as heat counts it; reused from record to record, so the sink allocates nothing per record for it. */
export interface HeatSample {
  second: number;
  /** The first user record of a Kinesis record: Kinesis counts an aggregate once against its records limit. */
  kinesisRecord: boolean;
  bytes: number;
  key: string;
  value: () => KeyValue;
  hash: KeyHash;
}

export const PER_SHARD_CAPACITY = 256;
/** Seconds a shard's arrival times may step back (ApproximateArrivalTimestamp is approximate) before a second is closed. */
const OPEN_SECONDS = 3;

const emptyLoad = (): Load => ({ records: 0, userRecords: 0, bytes: 0 });
const addTo = (load: Load, sample: HeatSample) => {
  load.records += sample.kinesisRecord ? 1 : 0;
  load.userRecords += 1;
  load.bytes += sample.bytes;
};

/**
 * One shard's heat as its records pass: each second (counted against the limits when it closes),
 * the series by the step asked, a histogram of its hash range by bytes and user records, and
 * the heavy keys by bytes and by user records. Memory is flat in the number of keys.
 */
export class ShardHeat {
  readonly totals = emptyLoad();
  readonly series = new Map<number, Load>();
  readonly peak = { records: 0, bytes: 0, recordsAt: null as number | null, bytesAt: null as number | null };
  readonly over = { records: 0, bytes: 0, either: 0 };
  activeSeconds = 0;
  readonly histogram = { bytes: new Float64Array(HEAT_HISTOGRAM_BUCKETS), userRecords: new Float64Array(HEAT_HISTOGRAM_BUCKETS) };
  readonly outside = { userRecords: 0, bytes: 0 };
  readonly byBytes = new SpaceSaving<KeyValue>(PER_SHARD_CAPACITY);
  readonly byRecords = new SpaceSaving<KeyValue>(PER_SHARD_CAPACITY);
  private readonly seconds = new Map<number, Load>();
  private latest = -Infinity;
  private range: { start: number; width: number } | null = null;

  constructor(private readonly stepSeconds: number) {}

  /** The shard's hash range, in the top 52 bits of each end: known once the shard map is read. */
  placeIn(start: number, end: number): void {
    this.range = { start, width: end - start + 1 };
  }

  add(sample: HeatSample): void {
    addTo(this.totals, sample);
    let second = this.seconds.get(sample.second);
    if (!second) this.seconds.set(sample.second, (second = emptyLoad()));
    addTo(second, sample);
    if (sample.second > this.latest) {
      this.latest = sample.second;
      if (this.seconds.size > OPEN_SECONDS) this.closeSeconds(this.latest - OPEN_SECONDS);
    }
    this.place(sample);
    this.byBytes.add(sample.key, sample.bytes, sample.value);
    this.byRecords.add(sample.key, 1, sample.value);
  }

  private place(sample: HeatSample): void {
    const range = this.range;
    const offset = range ? sample.hash.top - range.start : -1;
    if (!range || offset < 0 || offset >= range.width) {
      this.outside.userRecords += 1;
      this.outside.bytes += sample.bytes;
      return;
    }
    const index = Math.min(HEAT_HISTOGRAM_BUCKETS - 1, Math.floor((offset / range.width) * HEAT_HISTOGRAM_BUCKETS));
    this.histogram.bytes[index]! += sample.bytes;
    this.histogram.userRecords[index]! += 1;
  }

  /** Closes every second up to `upTo` (all of them without it): counted against the limits and added to the series. */
  closeSeconds(upTo = Infinity): void {
    for (const [second, load] of this.seconds) {
      if (second > upTo) continue;
      this.seconds.delete(second);
      this.activeSeconds += 1;
      const overRecords = load.records > SHARD_WRITE_LIMITS.recordsPerSecond;
      const overBytes = load.bytes > SHARD_WRITE_LIMITS.bytesPerSecond;
      this.over.records += overRecords ? 1 : 0;
      this.over.bytes += overBytes ? 1 : 0;
      this.over.either += overRecords || overBytes ? 1 : 0;
      if (load.records > this.peak.records) [this.peak.records, this.peak.recordsAt] = [load.records, second];
      if (load.bytes > this.peak.bytes) [this.peak.bytes, this.peak.bytesAt] = [load.bytes, second];
      const step = Math.floor(second / this.stepSeconds) * this.stepSeconds;
      const point = this.series.get(step) ?? emptyLoad();
      point.records += load.records;
      point.userRecords += load.userRecords;
      point.bytes += load.bytes;
      this.series.set(step, point);
    }
  }
}

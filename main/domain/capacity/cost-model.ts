import type { CapacityEstimate, CostLine, LoadProfile, ModeCost, RegionPrices } from '../../../shared/contract/capacity';

/** Per-shard limits Kinesis documents for provisioned streams. */
export const SHARD_WRITE_RECORDS = 1000;
export const SHARD_WRITE_BYTES = 1024 * 1024;
export const SHARD_READ_BYTES = 2 * 1024 * 1024;

/** AWS's calculator bills a month as 730 hours (8,760 / 12). */
export const HOURS_PER_MONTH = 730;
const KIB = 1024;
const PUT_PAYLOAD_UNIT = 25 * KIB;
/** Kinesis bills data by the GiB (records rounded up to 1,024 bytes). */
const GB = 1024 ** 3;
const WEEK_HOURS = 7 * 24;

export interface ShardsNeeded {
  needed: number;
  byRecordsIn: number;
  byBytesIn: number;
  byBytesOut: number;
  limitedBy: 'records-in' | 'bytes-in' | 'bytes-out';
}

/** Shards at peak: each takes 1,000 records/s and 1 MiB/s in, and 2 MiB/s out shared by its GetRecords readers. */
export function shardsNeeded(profile: LoadProfile): ShardsNeeded {
  const byRecordsIn = Math.ceil(profile.peakRecordsPerSec / SHARD_WRITE_RECORDS);
  const byBytesIn = Math.ceil(profile.peakBytesPerSec / SHARD_WRITE_BYTES);
  const byBytesOut = Math.ceil(profile.peakReadBytesPerSec / SHARD_READ_BYTES);
  const needed = Math.max(1, byRecordsIn, byBytesIn, byBytesOut);
  const limitedBy =
    needed === byBytesIn ? 'bytes-in' : needed === byRecordsIn ? 'records-in' : needed === byBytesOut ? 'bytes-out' : 'bytes-in';
  return { needed, byRecordsIn, byBytesIn, byBytesOut, limitedBy };
}

/** The mean record's size; with no records at all, 1 byte, so rounding still counts a unit per record. */
function recordBytes(profile: LoadProfile): number {
  if (profile.averageRecordsPerSec > 0) return profile.averageBytesPerSec / profile.averageRecordsPerSec;
  if (profile.peakRecordsPerSec > 0) return profile.peakBytesPerSec / profile.peakRecordsPerSec;
  return 1;
}

const line = (item: string, quantity: number, unit: string, unitPrice: number): CostLine => ({
  item,
  quantity,
  unit,
  unitPrice,
  cost: quantity * unitPrice,
});

function total(lines: CostLine[]): ModeCost {
  const kept = lines.filter((l) => l.quantity > 0);
  return { monthly: kept.reduce((sum, l) => sum + l.cost, 0), lines: kept };
}

/** GiB-months stored between two ages (hours) at a steady rate in. */
function storedGbMonths(bytesPerSec: number, fromHours: number, toHours: number): number {
  return (Math.max(0, toHours - fromHours) * 3600 * bytesPerSec) / GB;
}

export function provisionedCost(profile: LoadProfile, prices: RegionPrices['provisioned'], hoursPerMonth = HOURS_PER_MONTH): ModeCost {
  const shards = shardsNeeded(profile).needed;
  const seconds = hoursPerMonth * 3600;
  const unitsPerRecord = Math.ceil(recordBytes(profile) / PUT_PAYLOAD_UNIT);
  const putUnits = profile.averageRecordsPerSec * unitsPerRecord * seconds;
  const efoBytes = profile.averageBytesPerSec * profile.efoConsumers * seconds;
  return total([
    line('Shard-hours', shards * hoursPerMonth, 'shard-hour', prices.shardHour),
    line('PUT payload units (25 KB)', putUnits / 1e6, 'million units', prices.putPayloadUnitsPerMillion),
    line(
      'Extended retention (24 h to 7 days)',
      profile.retentionHours > 24 ? shards * hoursPerMonth : 0,
      'shard-hour',
      prices.extendedRetentionShardHour,
    ),
    line(
      'Long-term retention (beyond 7 days)',
      storedGbMonths(profile.averageBytesPerSec, WEEK_HOURS, profile.retentionHours),
      'GB-month',
      prices.longTermRetentionGbMonth,
    ),
    line(
      'Enhanced fan-out consumer-shard-hours',
      profile.efoConsumers * shards * hoursPerMonth,
      'consumer-shard-hour',
      prices.efoConsumerShardHour,
    ),
    line('Enhanced fan-out data retrievals', efoBytes / GB, 'GB', prices.efoDataGb),
  ]);
}

export function onDemandCost(profile: LoadProfile, prices: RegionPrices['onDemand'], hoursPerMonth = HOURS_PER_MONTH): ModeCost {
  const seconds = hoursPerMonth * 3600;
  // On-demand meters each record rounded up to the next KiB.
  const billedRecordBytes = Math.ceil(recordBytes(profile) / KIB) * KIB;
  const dataIn = profile.averageRecordsPerSec * billedRecordBytes * seconds;
  const dataOut = profile.averageReadBytesPerSec * seconds;
  const efoBytes = profile.averageBytesPerSec * profile.efoConsumers * seconds;
  return total([
    line('Stream-hours', hoursPerMonth, 'stream-hour', prices.streamHour),
    line('Data in', dataIn / GB, 'GB', prices.dataInGb),
    line('Data out (shared throughput)', dataOut / GB, 'GB', prices.dataOutGb),
    line(
      'Extended retention (24 h to 7 days)',
      storedGbMonths(profile.averageBytesPerSec, 24, Math.min(profile.retentionHours, WEEK_HOURS)),
      'GB-month',
      prices.extendedRetentionGbMonth,
    ),
    line(
      'Long-term retention (beyond 7 days)',
      storedGbMonths(profile.averageBytesPerSec, WEEK_HOURS, profile.retentionHours),
      'GB-month',
      prices.longTermRetentionGbMonth,
    ),
    line('Enhanced fan-out data retrievals', efoBytes / GB, 'GB', prices.efoDataGb),
  ]);
}

/** The ratio of average to peak throughput, by bytes in (by records where no bytes are known). */
export function utilisationOf(profile: LoadProfile): number {
  if (profile.peakBytesPerSec > 0) return profile.averageBytesPerSec / profile.peakBytesPerSec;
  if (profile.peakRecordsPerSec > 0) return profile.averageRecordsPerSec / profile.peakRecordsPerSec;
  return 0;
}

/** The same peaks with every average set to a share of its peak, the record size kept. */
export function atUtilisation(profile: LoadProfile, utilisation: number): LoadProfile {
  const size = recordBytes(profile);
  const averageBytesPerSec = profile.peakBytesPerSec * utilisation;
  return {
    ...profile,
    averageBytesPerSec,
    averageRecordsPerSec: size > 0 ? averageBytesPerSec / size : profile.peakRecordsPerSec * utilisation,
    averageReadBytesPerSec: profile.peakReadBytesPerSec * utilisation,
  };
}

type Mode = 'provisioned' | 'on-demand';

/**
 * With the peaks fixed, both modes' monthly cost is a straight line in utilisation (shards follow
 * the peak, every other charge the average), so where the lines cross is where the answer flips.
 */
export function flipPoint(
  profile: LoadProfile,
  prices: RegionPrices,
  hoursPerMonth = HOURS_PER_MONTH,
): { flipsAt: number | null; below: Mode | null; note: string } {
  const cost = (u: number) => {
    const at = atUtilisation(profile, u);
    return {
      p: provisionedCost(at, prices.provisioned, hoursPerMonth).monthly,
      o: onDemandCost(at, prices.onDemand, hoursPerMonth).monthly,
    };
  };
  const zero = cost(0);
  const one = cost(1);
  const gapAt0 = zero.p - zero.o;
  const gapAt1 = one.p - one.o;
  if (Math.sign(gapAt0) === Math.sign(gapAt1) || gapAt0 === gapAt1) {
    const winner = gapAt1 < 0 ? 'provisioned' : 'on-demand';
    return { flipsAt: null, below: null, note: `At these peaks ${winner} is cheaper at every utilisation.` };
  }
  const flipsAt = gapAt0 / (gapAt0 - gapAt1);
  const below: Mode = gapAt0 < 0 ? 'provisioned' : 'on-demand';
  const above: Mode = below === 'provisioned' ? 'on-demand' : 'provisioned';
  const percent = `${(flipsAt * 100).toFixed(1)} %`;
  return { flipsAt, below, note: `Below ${percent} utilisation ${below} is cheaper; above it, ${above}.` };
}

export interface PricesUsed {
  region: string;
  source: string;
  takenOn: string;
  fromFile: boolean;
  prices: RegionPrices;
}

export function estimateCapacity(profile: LoadProfile, used: PricesUsed, hoursPerMonth = HOURS_PER_MONTH): CapacityEstimate {
  const provisioned = provisionedCost(profile, used.prices.provisioned, hoursPerMonth);
  const onDemand = onDemandCost(profile, used.prices.onDemand, hoursPerMonth);
  const flip = flipPoint(profile, used.prices, hoursPerMonth);
  const gap = provisioned.monthly - onDemand.monthly;
  return {
    profile,
    prices: { region: used.region, source: used.source, takenOn: used.takenOn, fromFile: used.fromFile },
    hoursPerMonth,
    shards: shardsNeeded(profile),
    provisioned,
    onDemand,
    cheaper: Math.abs(gap) < 0.005 ? 'equal' : gap < 0 ? 'provisioned' : 'on-demand',
    utilisation: utilisationOf(profile),
    flipsAt: flip.flipsAt,
    flipNote: flip.note,
  };
}

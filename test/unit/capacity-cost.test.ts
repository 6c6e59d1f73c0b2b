import { describe, expect, it } from 'vitest';
import { priceTableSchema, type LoadProfile, type RegionPrices } from '../../shared/contract/capacity';
import {
  atUtilisation,
  estimateCapacity,
  flipPoint,
  onDemandCost,
  provisionedCost,
  shardsNeeded,
} from '../../main/domain/capacity/cost-model';
import { BUILT_IN_PRICES, pricesFor } from '../../main/domain/capacity/prices';
import { profileFromManualLoad, profileFromSeconds } from '../../main/domain/capacity/load-profile';

const KB = 1024;
const flat = (recordsPerSec: number, recordBytes: number, extra: Partial<LoadProfile> = {}): LoadProfile => ({
  region: 'us-east-1',
  peakRecordsPerSec: recordsPerSec,
  peakBytesPerSec: recordsPerSec * recordBytes,
  averageRecordsPerSec: recordsPerSec,
  averageBytesPerSec: recordsPerSec * recordBytes,
  peakReadBytesPerSec: 0,
  averageReadBytesPerSec: 0,
  efoConsumers: 0,
  retentionHours: 24,
  source: 'test',
  ...extra,
});
const usEast1 = BUILT_IN_PRICES.regions['us-east-1']!;

describe('the Kinesis cost model', () => {
  /*
   * AWS's pricing example, from http://aws.amazon.com/kinesis/pricing/ (provisioned mode, the
   * page before on-demand existed): "Let's assume that our data producers put 100 records per
   * second in aggregate, and each record is 35KB. In this case, the total data input rate is
   * 3.4MB/sec (100 records/sec*35KB/record)." It needs 4 shards; at $0.015 a shard-hour and
   * $0.014 a million PUT payload units, "For a month with 31 days, our monthly cost for Shard
   * Hour is $44.64", each 35KB record "contains two PUT Payload Units", $7.499 a month of them,
   * and "our total Amazon Kinesis costs are $1.68 per day, or $52.14 per month".
   * The stored copy of that page (the search tool's pages corpus) holds the setup quoted first
   * and is cut after it: the dollar figures are the page's as its author remembers them, and
   * each is the plain arithmetic of the two unit prices (4 × $0.015 × 744 h; 535.68 M units × $0.014).
   */
  it("reproduces AWS's worked example: 100 records/s of 35 KB", () => {
    const profile = flat(100, 35 * KB);
    expect(shardsNeeded(profile)).toMatchObject({ needed: 4, byBytesIn: 4, byRecordsIn: 1, limitedBy: 'bytes-in' });
    const month = provisionedCost(profile, usEast1.provisioned, 31 * 24);
    const shardHours = month.lines.find((l) => l.item === 'Shard-hours')!;
    const putUnits = month.lines.find((l) => l.item.startsWith('PUT payload units'))!;
    expect(shardHours.cost).toBeCloseTo(44.64, 2);
    expect(putUnits.quantity).toBeCloseTo(535.68, 6);
    // $0.014 * 535.68 = $7.49952, which the page writes as $7.499.
    expect(putUnits.cost).toBeCloseTo(7.49952, 5);
    expect(month.monthly.toFixed(2)).toBe('52.14');
    expect((month.monthly / 31).toFixed(2)).toBe('1.68');
    expect(month.lines).toHaveLength(2);
  });

  it('takes the most shards any one limit asks, reads included', () => {
    expect(shardsNeeded(flat(2500, 100))).toMatchObject({ needed: 3, limitedBy: 'records-in' });
    expect(shardsNeeded(flat(10, 100, { peakReadBytesPerSec: 5 * 1024 * 1024 }))).toMatchObject({ needed: 3, limitedBy: 'bytes-out' });
    expect(shardsNeeded(flat(0, 0)).needed).toBe(1);
  });

  it('charges retention and enhanced fan-out in both modes', () => {
    const profile = flat(100, KB, { retentionHours: 24 * 30, efoConsumers: 2 });
    const provisioned = provisionedCost(profile, usEast1.provisioned);
    const items = provisioned.lines.map((l) => l.item);
    expect(items).toEqual([
      'Shard-hours',
      'PUT payload units (25 KB)',
      'Extended retention (24 h to 7 days)',
      'Long-term retention (beyond 7 days)',
      'Enhanced fan-out consumer-shard-hours',
      'Enhanced fan-out data retrievals',
    ]);
    // 100 KiB/s kept from day 7 to day 30: 23 days of it, in GiB.
    expect(provisioned.lines[3]!.quantity).toBeCloseTo((23 * 24 * 3600 * 100 * KB) / 1024 ** 3, 9);
    const onDemand = onDemandCost(profile, usEast1.onDemand);
    expect(onDemand.lines.map((l) => l.item)).toContain('Extended retention (24 h to 7 days)');
    expect(onDemand.lines.find((l) => l.item === 'Enhanced fan-out data retrievals')!.quantity).toBeCloseTo(
      (2 * 100 * KB * 730 * 3600) / 1024 ** 3,
      6,
    );
  });

  it('rounds on-demand data in up to a KiB a record', () => {
    const small = onDemandCost(flat(1000, 100), usEast1.onDemand);
    const kib = onDemandCost(flat(1000, KB), usEast1.onDemand);
    expect(small.lines.find((l) => l.item === 'Data in')!.quantity).toBe(kib.lines.find((l) => l.item === 'Data in')!.quantity);
  });

  it('finds the utilisation where the cheaper mode flips, and both cost the same there', () => {
    // Ten shards' worth at peak: at low utilisation the one stream-hour beats ten shard-hours.
    const peaky = flat(10_000, 1000, { peakReadBytesPerSec: 1e7, averageReadBytesPerSec: 1e7 });
    const flip = flipPoint(peaky, usEast1);
    expect(flip.flipsAt).not.toBeNull();
    expect(flip.flipsAt!).toBeGreaterThan(0);
    expect(flip.flipsAt!).toBeLessThan(1);
    const at = atUtilisation(peaky, flip.flipsAt!);
    expect(provisionedCost(at, usEast1.provisioned).monthly).toBeCloseTo(onDemandCost(at, usEast1.onDemand).monthly, 6);
    const used = pricesFor('us-east-1');
    const quiet = estimateCapacity(atUtilisation(peaky, flip.flipsAt! / 2), used);
    const busy = estimateCapacity(atUtilisation(peaky, Math.min(1, flip.flipsAt! * 2)), used);
    expect(quiet.cheaper).toBe(flip.below);
    expect(busy.cheaper).not.toBe(flip.below);
    expect(quiet.flipNote).toMatch(/^Below \d+\.\d % utilisation (provisioned|on-demand) is cheaper; above it, /);
  });

  it('says when one mode wins at every utilisation', () => {
    const free: RegionPrices = { ...usEast1, onDemand: { ...usEast1.onDemand, streamHour: 0, dataInGb: 0, dataOutGb: 0 } };
    expect(flipPoint(flat(500, 500), free)).toMatchObject({
      flipsAt: null,
      note: expect.stringContaining('on-demand is cheaper at every'),
    });
  });
});

describe('load profiles and price tables', () => {
  const context = { region: 'us-east-1', retentionHours: 24, efoConsumers: 0, source: 'window' };

  it('builds a profile from per-second counts: busiest second and mean', () => {
    const profile = profileFromSeconds(
      [
        { records: 10, bytes: 1000 },
        { records: 30, bytes: 5000 },
        { records: 20, bytes: 3000 },
      ],
      context,
    );
    expect(profile).toMatchObject({ peakRecordsPerSec: 30, peakBytesPerSec: 5000, averageRecordsPerSec: 20, averageBytesPerSec: 3000 });
    expect(profile.peakReadBytesPerSec).toBe(5000);
  });

  it('fills a hand-given load: averages from peaks, reads from the readers', () => {
    expect(profileFromManualLoad({ peakRecordsPerSec: 100, peakBytesPerSec: 1e5, sharedConsumers: 3 }, context)).toMatchObject({
      averageRecordsPerSec: 100,
      peakReadBytesPerSec: 3e5,
      source: 'given by hand',
    });
  });

  it('refuses a region the table lacks, with the remedy of a prices file', () => {
    expect(() => pricesFor('xx-nowhere-9')).toThrow(/built-in price table has no prices for xx-nowhere-9 \(it has us-east-1\)/);
    try {
      pricesFor('xx-nowhere-9');
    } catch (error) {
      expect((error as { remedy?: string }).remedy).toBe('give-prices');
    }
  });

  it('checks a prices file and names what is wrong', () => {
    const bad = priceTableSchema.safeParse({ ...BUILT_IN_PRICES, source: 'somewhere', regions: { 'us-east-1': { provisioned: {} } } });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('source: The price table needs a source: the URL the figures came from.');
    expect(messages.some((m) => m.startsWith('regions.us-east-1.provisioned.shardHour'))).toBe(true);
  });
});

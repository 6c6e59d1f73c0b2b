import type { LoadProfile, ManualLoad } from '../../../shared/contract/capacity';

export interface SecondCounts {
  records: number;
  bytes: number;
  /** Bytes read out that second by shared-throughput readers, where known. */
  readBytes?: number;
}

export interface ProfileContext {
  region: string;
  retentionHours: number;
  efoConsumers: number;
  source: string;
}

/**
 * A profile from per-second counts over a window (the heat report's buckets, or CloudWatch's
 * per-minute sums spread over their seconds): the busiest second is the peak, the mean the average.
 * With no reads measured, one shared reader taking every byte is assumed, as most streams have.
 */
export function profileFromSeconds(seconds: readonly SecondCounts[], context: ProfileContext): LoadProfile {
  const n = Math.max(1, seconds.length);
  const max = (pick: (s: SecondCounts) => number) => seconds.reduce((m, s) => Math.max(m, pick(s)), 0);
  const mean = (pick: (s: SecondCounts) => number) => seconds.reduce((sum, s) => sum + pick(s), 0) / n;
  const readsKnown = seconds.some((s) => s.readBytes !== undefined);
  const read = (s: SecondCounts) => (readsKnown ? (s.readBytes ?? 0) : s.bytes);
  return {
    region: context.region,
    peakRecordsPerSec: max((s) => s.records),
    peakBytesPerSec: max((s) => s.bytes),
    averageRecordsPerSec: mean((s) => s.records),
    averageBytesPerSec: mean((s) => s.bytes),
    peakReadBytesPerSec: max(read),
    averageReadBytesPerSec: mean(read),
    efoConsumers: context.efoConsumers,
    retentionHours: Math.min(8760, Math.max(24, context.retentionHours)),
    source: context.source,
  };
}

/** A profile from a load given by hand: averages default to the peaks, one shared reader to the bytes in. */
export function profileFromManualLoad(load: ManualLoad, context: Omit<ProfileContext, 'efoConsumers' | 'source'>): LoadProfile {
  const averageRecordsPerSec = load.averageRecordsPerSec ?? load.peakRecordsPerSec;
  const averageBytesPerSec = load.averageBytesPerSec ?? load.peakBytesPerSec;
  const readers = load.sharedConsumers ?? 1;
  return {
    region: context.region,
    peakRecordsPerSec: load.peakRecordsPerSec,
    peakBytesPerSec: load.peakBytesPerSec,
    averageRecordsPerSec,
    averageBytesPerSec,
    peakReadBytesPerSec: load.peakBytesPerSec * readers,
    averageReadBytesPerSec: averageBytesPerSec * readers,
    efoConsumers: load.efoConsumers ?? 0,
    retentionHours: load.retentionHours ?? context.retentionHours,
    source: load.source ?? 'given by hand',
  };
}

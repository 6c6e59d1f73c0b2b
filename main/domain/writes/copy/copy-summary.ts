import type { CopyProgress, CopySpec, CopySummary } from '../../../../shared/contract/writes';
import type { RangeScan } from '../../engine/reader/range-scan';
import type { CopyManifest } from './copy-manifest';

/** What a copy knows when it ends, from its manifest and its counts in memory. */
export interface CopyState {
  manifest: CopyManifest;
  /** Ahead of the manifest's while a chunk is gathered. */
  totals: CopyManifest['totals'];
  retried: number;
  startedAt: number;
  folder: string;
}

/** The summary a copy ends with: its ends, its counts and why it ended. */
export function copySummary(state: CopyState, outcome: CopySummary['outcome'], reason: string | null): CopySummary {
  const { read, written, alreadyWritten } = state.totals;
  return {
    source: state.manifest.spec.source,
    target: state.manifest.spec.target,
    read,
    written,
    alreadyWritten,
    retried: state.retried,
    seconds: (Date.now() - state.startedAt) / 1_000,
    outcome,
    reason,
    folder: state.folder,
  };
}

/** What a running copy has done: its counts, its rate since this start, and the scan's time left. */
export function copyProgress(
  sessionId: string,
  state: Omit<CopyState, 'manifest'> & { writtenBefore: number },
  scan: RangeScan | null,
  until: CopySpec['until'],
): CopyProgress {
  const seconds = (Date.now() - state.startedAt) / 1_000;
  const { read, written, alreadyWritten } = state.totals;
  const fractions = scan?.progress.snapshot(
    sessionId,
    { until, folder: state.folder },
    { records: written, bytes: 0, files: 0, rejects: 0 },
    scan.shardStatuses(),
  );
  return {
    sessionId,
    read,
    written,
    retried: state.retried,
    alreadyWritten,
    recordsPerSecond: seconds > 0 ? (written - state.writtenBefore) / seconds : 0,
    etaSeconds: fractions?.etaSeconds ?? null,
    manifest: state.folder,
  };
}

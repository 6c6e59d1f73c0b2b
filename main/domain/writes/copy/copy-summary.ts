import type { CopySummary } from '../../../../shared/contract/writes';
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

/** Numbers as people read them, the same in the CLI and the UI. */

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 81742580 → "78.0 MiB". */
export function formatSize(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Seconds as "42 s", "3 min 5 s" or "2 h 10 min"; "–" when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3_600)} h ${Math.round((seconds % 3_600) / 60)} min`;
}

/** A consumer's lag: "caught up", "850 ms", "3 min 5 s"; "unknown" when it cannot be known. */
export function formatLag(millis: number | null): string {
  if (millis === null || !Number.isFinite(millis)) return 'unknown';
  if (millis <= 0) return 'caught up';
  if (millis < 1_000) return `${Math.round(millis)} ms`;
  return formatDuration(millis / 1_000);
}

/** shardId-000000000012 → "#12": for legends and columns where many shards stand side by side. */
export function shortShardId(shardId: string): string {
  return shardId.replace(/^shardId-0*(?=\d)/, '#');
}

/**
 * A KCL checkpoint as people read it: a sentinel by name, a sequence number (its end only when
 * `abbreviated`) with the sub-sequence number of an aggregate in parentheses.
 */
export function formatCheckpoint(
  checkpoint: { type: string; sequenceNumber?: string; subSequenceNumber?: number; raw?: string | null } | null,
  abbreviated = false,
): string {
  if (!checkpoint) return '–';
  if (checkpoint.type === 'sequence' && checkpoint.sequenceNumber !== undefined) {
    const sequence = abbreviated ? `…${checkpoint.sequenceNumber.slice(-12)}` : checkpoint.sequenceNumber;
    return `${sequence}${checkpoint.subSequenceNumber ? ` (${checkpoint.subSequenceNumber})` : ''}`;
  }
  return checkpoint.type === 'unknown' ? (checkpoint.raw ?? '?') : checkpoint.type;
}

/** A wait that ends early when the signal fires, so stop and pause never sit out a back-off. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Exponential back-off with full jitter: 0.5x to 1x of base·2^attempt, capped. */
export function backoff(attempt: number, baseMs = 250, capMs = 5_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

export interface Rate {
  /** Records a second at most; none when absent. */
  recordsPerSecond?: number | null;
  /** Bytes a second at most; none when absent. */
  bytesPerSecond?: number | null;
}

/**
 * Spaces work so that, over any stretch, no more than the rate goes by (a run's or a search's
 * records, a writer's calls): each step is given the moment its records and bytes are due,
 * measured from when the previous step went.
 */
export class RatePacer {
  private nextAt = 0;

  constructor(private readonly rate: Rate) {}

  get limited(): boolean {
    return Boolean(this.rate.recordsPerSecond || this.rate.bytesPerSecond);
  }

  async take(records: number, bytes: number, signal: AbortSignal): Promise<void> {
    if (!this.limited) return;
    const now = Date.now();
    const start = Math.max(now, this.nextAt);
    const byRecords = this.rate.recordsPerSecond ? (records / this.rate.recordsPerSecond) * 1_000 : 0;
    const byBytes = this.rate.bytesPerSecond ? (bytes / this.rate.bytesPerSecond) * 1_000 : 0;
    this.nextAt = start + Math.max(byRecords, byBytes);
    if (start > now) await sleep(start - now, signal);
  }
}

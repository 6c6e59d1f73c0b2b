import { sleep } from '../reader/timing';

export interface WriteRate {
  /** Records a second at most; none when absent. */
  recordsPerSecond?: number | null;
  /** Bytes a second at most; none when absent. */
  bytesPerSecond?: number | null;
}

/**
 * Spaces writes so that, over any stretch, no more than the rate goes out: each call is given
 * the moment its records and bytes are due, measured from when the previous call went.
 */
export class WritePacer {
  private nextAt = 0;

  constructor(private readonly rate: WriteRate) {}

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

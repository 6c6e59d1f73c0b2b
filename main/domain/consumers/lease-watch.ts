import type { Lease } from '../engine/leases/lease-format';

/**
 * A running KCL worker renews each of its leases every few seconds (a third of its failover
 * time, 10 s by default) by adding one to the lease counter. A counter that has not moved for
 * three failover times belongs to a worker that has stopped or hangs.
 */
export const STUCK_AFTER_MS = 30_000;

interface Seen {
  counter: number | null;
  owner: string | null;
  firstSeenAt: number;
  changedAt: number | null;
}

/**
 * What this process has seen of each lease's counter over time: whether an owner still renews,
 * and how long a table has been quiet (a checkpoint is moved only in a quiet table). One per
 * process, fed by every read of a lease table (reports, the panel's samples, a move's checks).
 */
export class LeaseWatch {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly stuckAfterMs = STUCK_AFTER_MS) {}

  /** Records a fresh read of `table` at `now`. */
  observe(table: string, leases: readonly Lease[], now = Date.now()): void {
    for (const lease of leases) {
      const key = JSON.stringify([table, lease.leaseKey]);
      const before = this.seen.get(key);
      if (!before) this.seen.set(key, { counter: lease.counter, owner: lease.owner, firstSeenAt: now, changedAt: null });
      else if (before.counter !== lease.counter || before.owner !== lease.owner)
        this.seen.set(key, { counter: lease.counter, owner: lease.owner, firstSeenAt: before.firstSeenAt, changedAt: now });
    }
    if (this.seen.size > 100_000) this.seen.clear();
  }

  /** A counter this process moved itself (a checkpoint move): not a worker's renewal. */
  movedByUs(table: string, leaseKey: string, counter: number): void {
    const seen = this.seen.get(JSON.stringify([table, leaseKey]));
    if (seen) seen.counter = counter;
  }

  /** When the counter was last seen to move; null if it has not moved while watched. */
  renewedAt(table: string, lease: Lease): number | null {
    return this.seen.get(JSON.stringify([table, lease.leaseKey]))?.changedAt ?? null;
  }

  /** An owner that has not renewed for STUCK_AFTER_MS (by default) of watching. */
  isStuck(table: string, lease: Lease, now = Date.now()): boolean {
    const seen = this.seen.get(JSON.stringify([table, lease.leaseKey]));
    if (!lease.owner || !seen) return false;
    return now - (seen.changedAt ?? seen.firstSeenAt) >= this.stuckAfterMs;
  }

  /**
   * How long no lease of the table has moved, as far as this process has watched: from the
   * latest renewal seen, or from when watching began. 0 for a table not watched yet.
   */
  quietForMs(table: string, leases: readonly Lease[], now = Date.now()): number {
    let quietSince = -Infinity;
    for (const lease of leases) {
      const seen = this.seen.get(JSON.stringify([table, lease.leaseKey]));
      if (!seen) return 0;
      quietSince = Math.max(quietSince, seen.changedAt ?? seen.firstSeenAt);
    }
    return leases.length === 0 ? 0 : Math.max(0, now - quietSince);
  }

  /** The lease renewed most recently while watched, for the message that refuses a move. */
  lastRenewed(table: string, leases: readonly Lease[]): { lease: Lease; at: number } | null {
    let latest: { lease: Lease; at: number } | null = null;
    for (const lease of leases) {
      const at = this.renewedAt(table, lease);
      if (at !== null && (!latest || at > latest.at)) latest = { lease, at };
    }
    return latest;
  }
}

import type { RunProgress, RunSpec, ShardStatus } from '../../../../shared/contract';

/**
 * Turns what a run has taken into progress: per shard how far through the range it is (by the
 * arrival time of its last record, against the end time or the tip), the rate, and an ETA.
 */
export class RunProgressMeter {
  private readonly shards = new Map<string, { records: number; lastArrival: string | null; firstArrival: string | null }>();
  private readonly reachedTimes = new Map<string, number>();
  private readonly started = Date.now();
  private last = { at: Date.now(), records: 0 };
  private rate = 0;

  reached(shardId: string, at = Date.now()): void {
    if (!this.reachedTimes.has(shardId)) this.reachedTimes.set(shardId, at);
  }

  reachedAt(shardId: string): number | null {
    return this.reachedTimes.get(shardId) ?? null;
  }

  took(shardId: string, arrivalTime: string): void {
    const shard = this.shards.get(shardId) ?? { records: 0, lastArrival: null, firstArrival: arrivalTime };
    shard.records++;
    shard.lastArrival = arrivalTime;
    this.shards.set(shardId, shard);
  }

  snapshot(
    sessionId: string,
    spec: Pick<RunSpec, 'until' | 'folder'>,
    counts: { records: number; bytes: number; files: number; rejects: number },
    statuses: ShardStatus[],
  ): RunProgress {
    const now = Date.now();
    const seconds = (now - this.last.at) / 1_000;
    if (seconds >= 0.5) {
      this.rate = (counts.records - this.last.records) / seconds;
      this.last = { at: now, records: counts.records };
    }
    const endOf = (shardId: string) =>
      spec.until.type === 'time'
        ? Date.parse(spec.until.time)
        : spec.until.type === 'caught-up'
          ? (this.reachedTimes.get(shardId) ?? null)
          : null;
    let eta: number | null = null;
    const shards = statuses.map((status) => {
      const taken = this.shards.get(status.shardId);
      const last = taken?.lastArrival ? Date.parse(taken.lastArrival) : null;
      const first = taken?.firstArrival ? Date.parse(taken.firstArrival) : null;
      let fraction: number | null = null;
      if (status.state === 'done' || status.state === 'ended') fraction = 1;
      else if (last !== null && first !== null) {
        // How much of the stream's time this shard has covered, against where it must get to.
        const target = endOf(status.shardId) ?? (status.millisBehindLatest ? last + status.millisBehindLatest : null);
        if (target !== null && target > first) fraction = Math.min(1, Math.max(0, (last - first) / (target - first)));
        const covered = (last - first) / Math.max((now - this.started) / 1_000, 0.001);
        if (target !== null && covered > 0) eta = Math.max(eta ?? 0, Math.max(0, target - last) / covered);
      }
      return {
        shardId: status.shardId,
        state: status.state,
        records: taken?.records ?? 0,
        lastArrival: taken?.lastArrival ?? null,
        millisBehindLatest: status.millisBehindLatest,
        fraction,
      };
    });
    return {
      sessionId,
      folder: spec.folder,
      ...counts,
      recordsPerSecond: this.rate,
      etaSeconds: spec.until.type === 'follow' ? null : eta,
      shards,
    };
  }
}

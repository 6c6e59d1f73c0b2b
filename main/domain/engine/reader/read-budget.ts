import { DEFAULT_READ_BUDGET, type ReadBudget } from '../../../../shared/contract';
import { sleep } from './timing';

const MIB = 1024 * 1024;
/** Budgets kept before the idle ones are forgotten (one per shard read). */
const PRUNE_ABOVE = 4_096;

/**
 * One shard's share of Kinesis's read limits that this process allows itself. Every reader of
 * the shard, in every session, takes a slot here before each GetRecords call: slots are spaced
 * 1/callsPerSecond apart, and the bytes a call brought back push the next slot out far enough
 * to keep the average under the byte budget. A reservation queue rather than a token bucket:
 * it never bursts, so production consumers never see our calls bunch up.
 */
export class ShardBudget {
  private nextSlotAt = 0;
  private lastGrantAt = -Infinity;
  private calls = 0;

  constructor(private readonly budget: () => ReadBudget) {}

  get settings(): ReadBudget {
    return this.budget();
  }

  /** GetRecords calls made on this shard by the whole process so far. */
  get callsMade(): number {
    return this.calls;
  }

  /**
   * Waits for this caller's slot; false when the signal ended the wait first. Slots are spaced
   * from when the previous caller really went, not only from when it was due: a caller woken late
   * by a busy event loop pushes the next one out instead of letting the two bunch up.
   */
  async take(signal: AbortSignal): Promise<boolean> {
    const interval = 1_000 / this.settings.callsPerSecond;
    let at = Math.max(Date.now(), this.nextSlotAt);
    this.nextSlotAt = at + interval;
    for (;;) {
      const wait = at - Date.now();
      if (wait > 0) await sleep(wait, signal);
      if (signal.aborted) return false;
      const earliest = this.lastGrantAt + interval;
      if (Date.now() >= earliest) break;
      at = earliest;
    }
    this.lastGrantAt = Date.now();
    this.nextSlotAt = Math.max(this.nextSlotAt, this.lastGrantAt + interval);
    this.calls++;
    return true;
  }

  idleSince(time: number): boolean {
    return this.nextSlotAt < time;
  }

  /** A call that started at `startedAt` read `bytes`: no further call before they are paid for. */
  charge(startedAt: number, bytes: number): void {
    const mib = this.settings.mibPerSecond;
    if (mib === null || bytes <= 0) return;
    this.nextSlotAt = Math.max(this.nextSlotAt, startedAt + (bytes / (mib * MIB)) * 1_000);
  }
}

/**
 * The read budgets of one process, one per shard of each stream of each connection, so two
 * previews and a chart on the same stream together stay inside one shard's budget. Each
 * connection (scope) paces by its own budget, asked at each call, so a saved change takes
 * effect on running readers without stopping them.
 */
export class ReadBudgets {
  private readonly shards = new Map<string, ShardBudget>();

  /** `budget` is for a scope that names none of its own. */
  constructor(private readonly budget: () => ReadBudget = () => DEFAULT_READ_BUDGET.aws) {}

  shard(scope: string, stream: string, shardId: string, budget = this.budget): ShardBudget {
    const key = JSON.stringify([scope, stream, shardId]);
    let shard = this.shards.get(key);
    if (!shard) {
      if (this.shards.size >= PRUNE_ABOVE) this.prune();
      this.shards.set(key, (shard = new ShardBudget(budget)));
    }
    return shard;
  }

  /** A budget whose last slot is long past holds nothing a new reader must respect. */
  private prune(): void {
    const before = Date.now() - 60_000;
    for (const [key, shard] of this.shards) if (shard.idleSince(before)) this.shards.delete(key);
  }

  /** The budgets of one stream, as a reader asks for them. */
  forStream(scope: string, stream: string, budget = this.budget): (shardId: string) => ShardBudget {
    return (shardId) => this.shard(scope, stream, shardId, budget);
  }
}

import type { ShardMark } from './job-manifest';

/** What every resumable job's manifest holds, whatever else its feature keeps in it. */
export interface JobManifest<Totals extends object> {
  /** Every user record up to each shard's mark is in the job's complete output. */
  shards: Record<string, ShardMark>;
  totals: Totals;
  status: 'running' | 'completed' | 'stopped' | 'failed';
  reason: string | null;
}

/**
 * The commit protocol a run and a copy share, so that each user record reaches their output once
 * across stops, crashes and resumes. `saved` is only ever what the folder's manifest holds: the
 * marks and totals in memory run ahead of it and move into it when a unit of output is listed,
 * completed and saved (see commitUnit). A commit that fails at any step puts the marks and totals
 * back to the saved ones and latches: nothing more is written but the job's outcome, so a resume
 * reads again what the failure lost.
 */
export abstract class JobJournal<Totals extends object, M extends JobManifest<Totals>> {
  protected marks: Record<string, ShardMark>;
  /** Counts in memory, ahead of the manifest while a unit is gathered. */
  totals: Totals;
  private failure: unknown = null;

  protected constructor(protected saved: M) {
    this.marks = structuredClone(saved.shards);
    this.totals = { ...saved.totals };
  }

  /** What the folder's manifest holds. */
  get manifest(): M {
    return this.saved;
  }

  /** The error a commit failed with, if one did. */
  get failed(): unknown {
    return this.failure;
  }

  mark(shardId: string): ShardMark | undefined {
    return this.marks[shardId];
  }

  /** A shard's state changes (read to its end, or the range ended on it) with the records already passed. */
  setShardState(shardId: string, state: ShardMark['state']): void {
    this.marks[shardId] = { ...(this.marks[shardId] ?? { sequenceNumber: null, subSequenceNumber: null }), state };
  }

  /** Writes the manifest durably (atomically, the folder synced) and says what was written. */
  protected abstract persist(manifest: M): Promise<M>;

  /** `saved` changes only once the manifest is on disk. */
  protected async save(manifest: M): Promise<void> {
    this.saved = await this.persist(manifest);
  }

  protected throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /**
   * Runs steps that may commit; if any fails, the job is failed for good, the marks and totals go
   * back to the saved ones, and `dropUnsaved` lets go of the output gathered since.
   */
  protected async guarded<T>(steps: () => Promise<T>, dropUnsaved: () => void | Promise<void>): Promise<T> {
    this.throwIfFailed();
    try {
      return await steps();
    } catch (error) {
      this.failure = error;
      this.marks = structuredClone(this.saved.shards);
      this.totals = { ...this.saved.totals };
      await dropUnsaved();
      throw error;
    }
  }

  /**
   * The commit order: the manifest first lists the unit (so a crash after this point knows to
   * look for it), then the unit is completed (durable, in place), and only then do the marks move
   * past it. A crash between the steps leaves a manifest a resume can settle either way.
   */
  protected async commitUnit(listed: M, complete: () => Promise<void>, committed: (listed: M) => M): Promise<void> {
    await this.save(listed);
    await complete();
    await this.save(committed(this.saved));
  }

  /** The job's outcome, saved with the totals the saved marks vouch for unless told others. */
  async finish(status: M['status'], reason: string | null, totals: Totals = this.saved.totals): Promise<void> {
    await this.save({ ...this.saved, totals, status, reason });
  }
}

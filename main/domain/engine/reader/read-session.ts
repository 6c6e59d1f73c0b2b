import type { ChildShard, KinesisClient, _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { DEFAULT_READ_BUDGET, type Shard, type ShardStatus, type StartPosition } from '../../../../shared/contract';
import { AppError, toApiError } from '../../../core/app-error';
import { listShards } from '../kinesis/stream-detail';
import { RangeEnd, type ReadEnd } from './range-end';
import { ReadBudgets, type ShardBudget } from './read-budget';
import { initialShards, selectShards } from './shard-selection';
import { ShardReader } from './shard-reader';

export interface ReadSessionOptions {
  client: KinesisClient;
  stream: string;
  position: StartPosition;
  /** Read only these shards (and their children); all by default. */
  shardIds?: readonly string[];
  /**
   * Each shard's read budget, shared with every other session of the process on that shard.
   * Without one the session keeps to Kinesis's own limit on its own (tests, benchmarks).
   */
  budget?: (shardId: string) => ShardBudget;
  /**
   * Where each shard starts when a read resumes: a position; 'ended' for a closed shard already
   * read to its end (its children are read); 'done' for one the range already ended on (its
   * children are not). Shards it does not know start as a fresh read would.
   */
  startAt?: (shardId: string) => ShardStart | undefined;
  /** Records per GetRecords call (10,000 by default); a smaller page holds less in memory at once. */
  pageLimit?: number;
  /** Where the range ends (see RangeEnd); without one the read follows the stream until stopped. */
  until?: ReadEnd;
  /** Each GetRecords page, as read: per shard, in sequence order. A returned promise holds that shard's next call. */
  onRecords(shardId: string, records: KinesisRecord[]): void | Promise<void>;
  /** A shard was found at the tip (an empty page): after every record before it was handed over. */
  onCaughtUp?(shardId: string): void | Promise<void>;
  /** A closed shard was read to its end, after its last page was handed over. */
  onShardEnd?(shardId: string): void;
  /** The range ended on a shard (see `until`), after its last record inside the range was handed over. */
  onShardDone?(shardId: string): void | Promise<void>;
  /** Every shard is done or read to its end, and no child is left: the range is read. */
  onComplete?(): void;
  /** A reader starts on a shard: the moment the read reaches it. */
  onShardStart?(shardId: string): void;
  /** The session ended by itself: a fatal error, with a reason a user understands. */
  onStopped?(reason: string): void;
}

export type ShardStart = StartPosition | 'ended' | 'done';

/**
 * The read engine: reads the selected shards of one stream concurrently, each within its read
 * budget, parents to their end before their children, until stopped. Consumers (preview,
 * charts, runs, search) take its pages; it knows nothing of them.
 */
export class ReadSession {
  private readonly abort = new AbortController();
  private readonly readers = new Map<string, ShardReader>();
  private readonly ended = new Set<string>();
  /** Shards the range ended on, and their descendants: never read (further). */
  private readonly done = new Set<string>();
  /** Children waiting for a parent to be read to its end. */
  private readonly pending = new Map<string, { parents: string[] }>();
  private readonly running: Promise<void>[] = [];
  private readonly budget: (shardId: string) => ShardBudget;
  /** Child lookups under way: until they answer, a closed parent's children are not known yet. */
  private lookups = 0;
  private paused: { promise: Promise<void>; resume(): void } | null = null;
  private readonly end: RangeEnd | null;
  private completed = false;
  stopReason: string | null = null;

  constructor(private readonly options: ReadSessionOptions) {
    this.budget = options.budget ?? new ReadBudgets(() => DEFAULT_READ_BUDGET.local).forStream('', options.stream);
    this.end = options.until ? new RangeEnd(options.until) : null;
  }

  /** Lists the shards and starts their readers; a stop while it lists ends it with an AppError. */
  async start(): Promise<void> {
    let shards: Shard[];
    try {
      shards = await listShards(this.options.client, this.options.stream, this.abort.signal);
    } catch (error) {
      if (this.abort.signal.aborted) throw new AppError('unavailable', 'The read stopped before it started.');
      throw error;
    }
    if (this.abort.signal.aborted) throw new AppError('unavailable', 'The read stopped before it started.');
    const selected = selectShards(shards, this.options);
    const planned = new Set<string>();
    for (const shard of selected) {
      const plan = this.options.startAt?.(shard.shardId);
      if (plan === undefined) continue;
      planned.add(shard.shardId);
      if (plan === 'done') this.done.add(shard.shardId);
      else if (plan === 'ended') this.ended.add(shard.shardId);
      else this.spawn(shard.shardId, plan);
    }
    for (const shard of initialShards(selected, this.options.position))
      if (!planned.has(shard.shardId)) this.spawn(shard.shardId, this.options.position);
    this.planDescendants(selected);
  }

  /**
   * Descendants of the shards being read wait for all their parents to be read to the end; those
   * of a shard the range ended on are not read; those whose parents were all read before (a
   * resumed read) start from their beginning.
   */
  private planDescendants(selected: Shard[]): void {
    const known = (id: string) => this.readers.has(id) || this.pending.has(id) || this.ended.has(id) || this.done.has(id);
    let grew = true;
    while (grew) {
      grew = false;
      for (const shard of selected) {
        if (known(shard.shardId)) continue;
        const parents = [shard.parentShardId, shard.adjacentParentShardId].filter((p): p is string => p !== null && known(p));
        if (parents.length === 0) continue;
        grew = true;
        if (parents.some((p) => this.done.has(p))) this.done.add(shard.shardId);
        else if (parents.every((p) => this.ended.has(p))) this.spawn(shard.shardId, { type: 'TRIM_HORIZON' });
        else this.pending.set(shard.shardId, { parents: parents.filter((p) => !this.ended.has(p)) });
      }
    }
  }

  /** The range ended on this shard: its reader stops, and its waiting descendants are never read. */
  finishShard(shardId: string): void {
    this.done.add(shardId);
    this.readers.get(shardId)?.finish();
    let dropped = true;
    while (dropped) {
      dropped = false;
      for (const [childId, { parents }] of this.pending) {
        if (parents.some((p) => this.done.has(p))) {
          this.pending.delete(childId);
          this.done.add(childId);
          dropped = true;
        }
      }
    }
  }

  private async rangeEndedOn(shardId: string): Promise<void> {
    if (this.done.has(shardId)) return;
    this.finishShard(shardId);
    await this.options.onShardDone?.(shardId);
    this.checkComplete();
  }

  private checkComplete(): void {
    if (this.completed || this.abort.signal.aborted || !this.isComplete()) return;
    this.completed = true;
    this.options.onComplete?.();
  }

  private spawn(shardId: string, position: StartPosition): void {
    if (this.readers.has(shardId) || this.abort.signal.aborted) return;
    const reader = new ShardReader(
      this.options.client,
      this.options.stream,
      shardId,
      position,
      this.budget(shardId),
      {
        signal: this.abort.signal,
        whenRunning: () => this.paused?.promise ?? Promise.resolve(),
        isPaused: () => this.paused !== null,
        onRecords: async (id, records) => {
          if (!records.length || this.abort.signal.aborted) return;
          const inside = this.end ? this.end.inside(id, records) : records.length;
          if (inside > 0) await this.options.onRecords(id, inside === records.length ? records : records.slice(0, inside));
          if (inside < records.length) await this.rangeEndedOn(id);
        },
        onCaughtUp: async (id) => {
          await this.options.onCaughtUp?.(id);
          if (this.end?.endsAtTip()) await this.rangeEndedOn(id);
        },
        onEnd: (id, children) => {
          this.options.onShardEnd?.(id);
          this.onShardEnd(id, children);
          this.checkComplete();
        },
        onFatal: (id, error) => this.fail(`${id}: ${toApiError(error).message}`),
      },
      this.options.pageLimit,
    );
    this.readers.set(shardId, reader);
    this.end?.reached(shardId);
    this.options.onShardStart?.(shardId);
    this.running.push(reader.run());
  }

  private onShardEnd(shardId: string, children: ChildShard[]): void {
    this.ended.add(shardId);
    if (children.length === 0) {
      // Older endpoints (kinesalite) name no ChildShards: ask ListShards who the children are.
      this.lookups++;
      const lookup = this.childrenFromShardList(shardId).then((found) => {
        this.lookups--;
        if (found.length) this.onShardEnd(shardId, found);
        this.checkComplete();
      });
      this.running.push(lookup);
      return;
    }
    for (const child of children) {
      if (!child.ShardId || this.readers.has(child.ShardId) || this.done.has(child.ShardId)) continue;
      const parents = child.ParentShards?.length ? child.ParentShards : [shardId];
      // A merge whose other parent the range ended on: the child's records lie past the range too.
      if (parents.some((p) => this.done.has(p))) this.done.add(child.ShardId);
      else this.pending.set(child.ShardId, { parents });
    }
    for (const [childId, { parents }] of this.pending) {
      if (parents.every((p) => this.ended.has(p) || (!this.readers.has(p) && !this.pending.has(p)))) {
        this.pending.delete(childId);
        // A child's records all follow its parents': it is read from its beginning.
        this.spawn(childId, { type: 'TRIM_HORIZON' });
      }
    }
  }

  private async childrenFromShardList(parent: string): Promise<ChildShard[]> {
    try {
      const shards = await listShards(this.options.client, this.options.stream, this.abort.signal);
      return shards
        .filter((s) => s.parentShardId === parent || s.adjacentParentShardId === parent)
        .map((s) => ({
          ShardId: s.shardId,
          ParentShards: [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => p !== null),
          HashKeyRange: undefined,
        }));
    } catch (error) {
      if (!this.abort.signal.aborted) this.fail(`listing the children of ${parent}: ${toApiError(error).message}`);
      return [];
    }
  }

  private fail(reason: string): void {
    if (this.abort.signal.aborted) return;
    this.stopReason = reason;
    this.abort.abort();
    this.options.onStopped?.(reason);
  }

  pause(): void {
    if (this.paused) return;
    let resume!: () => void;
    const promise = new Promise<void>((resolve) => (resume = resolve));
    this.paused = { promise, resume };
  }

  resume(): void {
    this.paused?.resume();
    this.paused = null;
  }

  get isPaused(): boolean {
    return this.paused !== null;
  }

  shardStatuses(): ShardStatus[] {
    return [...this.readers.values()].map((r) => ({ ...r.status }));
  }

  /** Every shard is done or read to its end, and no child waits or is being looked up: the range is read. */
  isComplete(): boolean {
    const statuses = this.shardStatuses();
    return this.pending.size === 0 && this.lookups === 0 && statuses.every((s) => s.state === 'done' || s.state === 'ended');
  }

  /**
   * The shards that may still give records: those being read, and those read to their end while
   * their children are still unknown or waiting (the children's records follow theirs).
   */
  shardsStillGiving(): string[] {
    const unsettled = this.pending.size > 0 || this.lookups > 0;
    return this.shardStatuses()
      .filter((s) => s.state !== 'done' && (s.state !== 'ended' || unsettled))
      .map((s) => s.shardId);
  }

  /** Every shard read is caught up (or closed and done), and no child is waiting. */
  isCaughtUp(): boolean {
    const statuses = this.shardStatuses();
    return (
      statuses.length > 0 &&
      this.pending.size === 0 &&
      this.lookups === 0 &&
      statuses.every((s) => s.state === 'caught-up' || s.state === 'ended' || s.state === 'done')
    );
  }

  /** Stops every reader and resolves once none is left running: no timer or request behind. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.resume();
    await Promise.allSettled(this.running);
  }
}

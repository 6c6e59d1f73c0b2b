import type { ChildShard, KinesisClient, _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { DEFAULT_READ_BUDGET, type Shard, type ShardStatus, type StartPosition } from '../../shared/contract';
import { AppError, toApiError } from '../dispatch/app-error';
import { listShards } from '../kinesis/stream-detail';
import { ReadBudgets, type ShardBudget } from './read-budget';
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
  /** Each GetRecords page, as read: per shard, in sequence order. */
  onRecords(shardId: string, records: KinesisRecord[]): void;
  /** The session ended by itself: a fatal error, with a reason a user understands. */
  onStopped?(reason: string): void;
}

/**
 * The read engine: reads the selected shards of one stream concurrently, each within its read
 * budget, parents to their end before their children, until stopped. Consumers (preview,
 * charts, runs, search) take its pages; it knows nothing of them.
 */
export class ReadSession {
  private readonly abort = new AbortController();
  private readonly readers = new Map<string, ShardReader>();
  private readonly ended = new Set<string>();
  /** Children waiting for a parent to be read to its end. */
  private readonly pending = new Map<string, { parents: string[] }>();
  private readonly running: Promise<void>[] = [];
  private readonly budget: (shardId: string) => ShardBudget;
  /** Child lookups under way: until they answer, a closed parent's children are not known yet. */
  private lookups = 0;
  private paused: { promise: Promise<void>; resume(): void } | null = null;
  stopReason: string | null = null;

  constructor(private readonly options: ReadSessionOptions) {
    this.budget = options.budget ?? new ReadBudgets(() => DEFAULT_READ_BUDGET.local).forStream('', options.stream);
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
    const selected = this.select(shards);
    for (const shard of this.initialShards(selected)) this.spawn(shard.shardId, this.options.position);
    // Descendants of the shards being read wait for all their parents to be read to the end.
    let grew = true;
    while (grew) {
      grew = false;
      for (const shard of selected) {
        if (this.readers.has(shard.shardId) || this.pending.has(shard.shardId)) continue;
        const parents = [shard.parentShardId, shard.adjacentParentShardId].filter((p): p is string => p !== null);
        if (parents.some((p) => this.readers.has(p) || this.pending.has(p))) {
          this.pending.set(shard.shardId, { parents: parents.filter((p) => this.readers.has(p) || this.pending.has(p)) });
          grew = true;
        }
      }
    }
  }

  /** The shards asked for; naming one the stream does not have is the caller's mistake, said at once. */
  private select(shards: Shard[]): Shard[] {
    const { shardIds, position, stream } = this.options;
    const named = [...(shardIds ?? []), ...('shardId' in position ? [position.shardId] : [])];
    const known = new Set(shards.map((s) => s.shardId));
    const unknown = named.filter((id) => !known.has(id));
    if (unknown.length) {
      const list = shards.map((s) => s.shardId).slice(0, 20).join(', ');
      throw new AppError('invalid-input', `Stream ${stream} has no shard ${unknown.join(', ')}. Its shards: ${list}${shards.length > 20 ? ', …' : ''}.`);
    }
    return shardIds ? shards.filter((s) => shardIds.includes(s.shardId)) : shards;
  }

  private initialShards(shards: Shard[]): Shard[] {
    const { position } = this.options;
    if (position.type === 'AT_SEQUENCE_NUMBER' || position.type === 'AFTER_SEQUENCE_NUMBER') return shards.filter((s) => s.shardId === position.shardId);
    // Closed shards get no new records: LATEST starts on the open ones only.
    if (position.type === 'LATEST') return shards.filter((s) => s.open);
    const ids = new Set(shards.map((s) => s.shardId));
    return shards.filter((s) => !(s.parentShardId && ids.has(s.parentShardId)) && !(s.adjacentParentShardId && ids.has(s.adjacentParentShardId)));
  }

  private spawn(shardId: string, position: StartPosition): void {
    if (this.readers.has(shardId) || this.abort.signal.aborted) return;
    const reader = new ShardReader(this.options.client, this.options.stream, shardId, position, this.budget(shardId), {
      signal: this.abort.signal,
      whenRunning: () => this.paused?.promise ?? Promise.resolve(),
      isPaused: () => this.paused !== null,
      onRecords: (id, records) => {
        if (records.length && !this.abort.signal.aborted) this.options.onRecords(id, records);
      },
      onEnd: (id, children) => this.onShardEnd(id, children),
      onFatal: (id, error) => this.fail(`${id}: ${toApiError(error).message}`),
    });
    this.readers.set(shardId, reader);
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
      });
      this.running.push(lookup);
      return;
    }
    for (const child of children) {
      if (!child.ShardId || this.readers.has(child.ShardId)) continue;
      const parents = child.ParentShards ?? [];
      this.pending.set(child.ShardId, { parents: parents.length ? parents : [shardId] });
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
        .map((s) => ({ ShardId: s.shardId, ParentShards: [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => p !== null), HashKeyRange: undefined }));
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

  /** Every shard read is caught up (or closed and done), and no child is waiting. */
  isCaughtUp(): boolean {
    const statuses = this.shardStatuses();
    return statuses.length > 0 && this.pending.size === 0 && this.lookups === 0 && statuses.every((s) => s.state === 'caught-up' || s.state === 'ended');
  }

  /** Stops every reader and resolves once none is left running: no timer or request behind. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.resume();
    await Promise.allSettled(this.running);
  }
}

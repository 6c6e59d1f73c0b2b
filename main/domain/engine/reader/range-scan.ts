import type { KinesisClient, _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { RunEnd, StartPosition } from '../../../../shared/contract';
import { decodePage } from '../decode/decode-page';
import type { DecodedRecord } from '../decode/record';
import type { SchemaDecoding } from '../decode/schema/record-schemas';
import type { ShardBudget } from './read-budget';
import { ReadSession, type ShardStart } from './read-session';
import { RunProgressMeter } from './run-progress';
import type { PreloadedShard } from './record-ranges';

/** How far a resumable scan (a run, a copy) has taken a shard: its last user record, and whether the shard is finished. */
export interface ScanMark {
  sequenceNumber: string | null;
  /** Set when that record is one user record of a KPL aggregate. */
  subSequenceNumber: number | null;
  /** reading: more to come; ended: closed by resharding and read to its end; done: the range ended on it. */
  state: 'reading' | 'ended' | 'done';
}

/** Is this user record at or before a shard's mark, i.e. already taken by the scan that is resumed? */
export function takenBefore(mark: ScanMark | undefined, sequenceNumber: string, subSequenceNumber: number | null): boolean {
  if (!mark?.sequenceNumber) return false;
  const [a, b] = [BigInt(sequenceNumber), BigInt(mark.sequenceNumber)];
  if (a !== b) return a < b;
  return mark.subSequenceNumber === null || (subSequenceNumber !== null && subSequenceNumber <= mark.subSequenceNumber);
}

/** Where a resumed scan starts each shard: at its mark (whose record the sink passes over), past a finished one, or afresh. */
export function startFromMarks(marks: Record<string, ScanMark>): (shardId: string) => ShardStart | undefined {
  return (shardId) => {
    const mark = marks[shardId];
    if (!mark) return undefined;
    if (mark.state !== 'reading') return mark.state;
    return mark.sequenceNumber ? { type: 'AT_SEQUENCE_NUMBER', shardId, sequenceNumber: mark.sequenceNumber } : undefined;
  };
}

/** What a scan hands its user records to: a run's files, a search's matcher. */
export interface ScanSink {
  /** Already taken before (a resumed run's complete files): passed over. */
  seen?(record: DecodedRecord): boolean;
  /** One user record of the range, in shard order; 'stop' ends the scan there (a count, a limit). */
  take(record: DecodedRecord): 'more' | 'stop' | Promise<'more' | 'stop'>;
  /** A shard was found at its tip: every record it had was taken. */
  caughtUp?(shardId: string): void;
  /** A shard was read to its end (closed by resharding), or the range ended on it. */
  shardState?(shardId: string, state: 'ended' | 'done'): void;
}

export interface RangeScanOptions {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  stream: string;
  shardIds?: readonly string[];
  from: StartPosition;
  /** A run's end; `tip` for ranges of named records (see ReadEnd). */
  until: RunEnd | { type: 'tip' };
  startAt?: (shardId: string) => ShardStart | undefined;
  pageLimit?: number;
  /** Schema-encoded records decoded by their schemas (issue 26). */
  schemas?: SchemaDecoding;
  /** False for a sink that reads only keys, sizes and times (heat): payloads are handed over as stored, neither inflated nor parsed. */
  payloads?: boolean;
  /**
   * A redrive's payload records (see rangedScan): on a shard the stream has, those older than the
   * first record it gives there (all, if it gives none) go to the sink before that record, so the
   * stream stays the source of what it holds; a shard it no longer has gets them alone.
   */
  preloaded?: readonly PreloadedShard[];
  sink: ScanSink;
  /** The whole range was read, or the sink said stop: called once, inside the sink's queue. */
  onComplete(): Promise<void>;
  /** The sink threw. */
  onFailure(error: unknown): void;
  /** The read itself stopped (a deleted stream, a refusal), with the reason. */
  onStopped(reason: string): void;
}

/**
 * One scan over a range of a stream: the read engine, which ends the range (RangeEnd), and a sink that takes each user record once, one at a
 * time whatever shard it comes from. Runs and searches are this scan with different sinks.
 */
export class RangeScan {
  readonly progress = new RunProgressMeter();
  private readonly engine: ReadSession;
  private queue: Promise<void> = Promise.resolve();
  private finishing = false;
  /** Until the engine has listed its shards and every preloaded record was taken, the scan is not complete. */
  private started = false;
  /** Preloaded records of shards the stream has, until it gives its first record there (or none). */
  private readonly waiting = new Map<string, readonly KinesisRecord[]>();

  constructor(private readonly options: RangeScanOptions) {
    this.engine = new ReadSession({
      client: options.client,
      stream: options.stream,
      position: options.from,
      shardIds: options.shardIds,
      budget: options.budget,
      pageLimit: options.pageLimit,
      startAt: options.startAt,
      // count and follow are not ends of the read: the sink stops a count, nothing stops a follow.
      until: options.until.type === 'count' || options.until.type === 'follow' ? undefined : options.until,
      onRecords: (shardId, records) => this.enqueue(() => this.takePage(shardId, records)),
      onShardDone: (shardId) => this.enqueue(() => this.finishShard(shardId)),
      onCaughtUp: (shardId) => this.enqueue(async () => (await this.takeWaiting(shardId), this.options.sink.caughtUp?.(shardId))),
      onShardEnd: (shardId) => void this.enqueue(() => this.shardEnded(shardId)),
      onShardStart: (shardId) => this.progress.reached(shardId),
      onStopped: (reason) => options.onStopped(reason),
    });
  }

  async start(): Promise<void> {
    for (const { shardId, records, inStream } of this.options.preloaded ?? []) {
      if (inStream) this.waiting.set(shardId, records);
      else void this.enqueue(async () => (await this.take(shardId, [...records]), await this.finishShard(shardId)));
    }
    // Every shard asked for is gone (its records all preloaded): the stream, gone too perhaps, is not asked.
    if (this.options.shardIds?.length !== 0) await this.engine.start();
    // Queued after the preloaded records; a resumed scan may have nothing left to read.
    void this.enqueue(() => {
      this.started = true;
      return this.checkComplete();
    });
  }

  /** Runs sink work one task at a time, after what is queued; nothing runs once the scan is finishing. */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.finishing) return;
      try {
        await task();
      } catch (error) {
        this.options.onFailure(error);
      }
    });
    this.queue = next;
    return next;
  }

  /** A page of the stream, after the shard's preloaded records older than its first: those the stream no longer holds. */
  private async takePage(shardId: string, records: KinesisRecord[]): Promise<void> {
    const first = records[0]?.SequenceNumber;
    if (first !== undefined) await this.takeWaiting(shardId, BigInt(first));
    if (!this.finishing) await this.take(shardId, records);
  }

  /** Hands over a shard's preloaded records before `before` (all of them where the stream gave none): each once. */
  private async takeWaiting(shardId: string, before?: bigint): Promise<void> {
    const waiting = this.waiting.get(shardId);
    if (!waiting) return;
    this.waiting.delete(shardId);
    const older = before === undefined ? waiting : waiting.filter((record) => BigInt(record.SequenceNumber!) < before);
    if (older.length > 0) await this.take(shardId, [...older]);
  }

  private async take(shardId: string, records: KinesisRecord[]): Promise<void> {
    const { sink } = this.options;
    let finished: Promise<void> | null = null;
    await decodePage(
      shardId,
      records,
      async (decoded) => {
        if (sink.seen?.(decoded)) return;
        this.progress.took(shardId, decoded.arrivalTime);
        if ((await sink.take(decoded)) === 'stop') {
          finished = this.complete();
          return 'stop';
        }
        if (this.finishing) return 'stop';
      },
      this.options.schemas,
      this.options.payloads ?? true,
    );
    if (finished) await finished;
  }

  /** The read engine ended the range on this shard (see RangeEnd). */
  private async finishShard(shardId: string): Promise<void> {
    await this.takeWaiting(shardId);
    if (this.finishing) return;
    this.options.sink.shardState?.(shardId, 'done');
    await this.checkComplete();
  }

  private async shardEnded(shardId: string): Promise<void> {
    await this.takeWaiting(shardId);
    if (this.finishing) return;
    this.options.sink.shardState?.(shardId, 'ended');
    await this.checkComplete();
  }

  private async checkComplete(): Promise<void> {
    if (this.started && this.options.until.type !== 'follow' && this.engine.isComplete()) await this.complete();
  }

  private async complete(): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    await this.options.onComplete();
  }

  /** The sink needs nothing more from this shard (a search that has its matches there): it and its descendants are not read further. */
  stopShard(shardId: string): void {
    this.engine.finishShard(shardId);
    void this.enqueue(() => this.finishShard(shardId));
  }

  shardsStillGiving(): string[] {
    return this.engine.shardsStillGiving();
  }

  shardStatuses() {
    return this.engine.shardStatuses();
  }

  /** Stops reading and waits for the sink's queue to drain: after this nothing more is taken. */
  async stop(): Promise<void> {
    await this.engine.stop();
    await this.queue;
    this.finishing = true;
  }
}

import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type ChildShard,
  type GetShardIteratorCommandInput,
  type KinesisClient,
  type _Record as KinesisRecord,
} from '@aws-sdk/client-kinesis';
import type { ShardStatus, StartPosition } from '../../../../shared/contract';
import { classifyAwsError } from '../../../aws/errors';
import type { ShardBudget } from './read-budget';
import { backoff, sleep } from './timing';

/** A caught-up or trickling shard is asked again about once a second, as the KCL does by default. */
export const IDLE_POLL_MS = 1_000;
/** A page at least this full means a backlog: the next call comes as soon as the budget allows. */
export const BACKLOG_PAGE_RECORDS = 1_000;
const BACKLOG_PAGE_BYTES = 1024 * 1024;
/** Network trouble is retried this long before the session gives up, visibly. */
const GIVE_UP_AFTER_MS = 60_000;
const THROTTLED_NOTE = 'throttled: other consumers share this shard\u2019s reads; backing off';

export interface ShardReaderHooks {
  /** A page, in sequence order; the next call waits for a returned promise (a slow sink slows the read). */
  onRecords(shardId: string, records: KinesisRecord[], millisBehindLatest: number | null): void | Promise<void>;
  /** The shard had nothing more: an empty page at the tip. */
  onCaughtUp?(shardId: string): void | Promise<void>;
  /** The shard is closed and read to its end; its children, where Kinesis named them. */
  onEnd(shardId: string, children: ChildShard[]): void;
  onFatal(shardId: string, error: Error): void;
  /** Resolves while the session is not paused. */
  whenRunning(): Promise<void>;
  isPaused(): boolean;
  signal: AbortSignal;
}

export class ShardReader {
  readonly status: ShardStatus;
  /** Ends this shard's reading alone: the range ended on it. */
  private readonly finished = new AbortController();
  /** When a LATEST iterator was taken: the place to come back to if it expires before any record. */
  private latestHeldSince: Date | null = null;

  constructor(
    private readonly client: KinesisClient,
    private readonly stream: string,
    readonly shardId: string,
    private readonly position: StartPosition,
    private readonly budget: ShardBudget,
    private readonly hooks: ShardReaderHooks,
    /** Records a GetRecords call may return: Kinesis allows 10,000. */
    private readonly pageLimit = 10_000,
  ) {
    this.status = {
      shardId,
      state: 'waiting',
      lastSequenceNumber: null,
      millisBehindLatest: null,
      records: 0,
      calls: 0,
      throttled: 0,
      note: null,
    };
  }

  /** Where to resume: after the last record seen, so an expired iterator skips and repeats nothing. */
  private iteratorInput(): GetShardIteratorCommandInput {
    const base = { StreamName: this.stream, ShardId: this.shardId };
    if (this.status.lastSequenceNumber)
      return { ...base, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: this.status.lastSequenceNumber };
    // A new LATEST would skip what arrived while the old iterator sat unused (a long pause).
    if (this.latestHeldSince) return { ...base, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: this.latestHeldSince };
    switch (this.position.type) {
      case 'AT_TIMESTAMP':
        return { ...base, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(this.position.timestamp) };
      case 'AT_SEQUENCE_NUMBER':
      case 'AFTER_SEQUENCE_NUMBER':
        return { ...base, ShardIteratorType: this.position.type, StartingSequenceNumber: this.position.sequenceNumber };
      default:
        return { ...base, ShardIteratorType: this.position.type };
    }
  }

  private async newIterator(signal: AbortSignal): Promise<string> {
    const input = this.iteratorInput();
    const askedAt = new Date();
    const { ShardIterator } = await this.client.send(new GetShardIteratorCommand(input), { abortSignal: signal });
    if (!ShardIterator) throw Object.assign(new Error('Kinesis gave no shard iterator.'), { name: 'InvalidArgumentException' });
    if (input.ShardIteratorType === 'LATEST') this.latestHeldSince = askedAt;
    // From here on the position is held: records written now will be read.
    if (this.status.state === 'waiting') this.status.state = 'reading';
    return ShardIterator;
  }

  /**
   * Waits for the poll time and a slot of the shard's budget, and for the session to be running
   * when the slot comes: a pause that began meanwhile sends the reader back to wait for a new slot.
   */
  private async waitForTurn(notBefore: number, signal: AbortSignal): Promise<boolean> {
    for (;;) {
      await this.hooks.whenRunning();
      if (notBefore > Date.now()) await sleep(notBefore - Date.now(), signal);
      if (!(await this.budget.take(signal))) return false;
      if (!this.hooks.isPaused()) return !signal.aborted;
    }
  }

  /** The range being read ended on this shard: no further call is made on it. */
  finish(): void {
    this.status.state = 'done';
    this.status.note = null;
    this.finished.abort();
  }

  async run(): Promise<void> {
    const signal = AbortSignal.any([this.hooks.signal, this.finished.signal]);
    let iterator: string | undefined;
    let failingSince: number | null = null;
    let attempt = 0;
    let nextPollAt = 0;
    let inBacklog = false;
    while (!signal.aborted) {
      await this.hooks.whenRunning();
      if (signal.aborted) return;
      try {
        iterator ??= await this.newIterator(signal);
        if (!(await this.waitForTurn(nextPollAt, signal))) return;
        const startedAt = Date.now();
        this.status.calls++;
        const page = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.pageLimit }), {
          abortSignal: signal,
        });
        failingSince = null;
        attempt = 0;
        const records = page.Records ?? [];
        let bytes = 0;
        for (const record of records) bytes += record.Data?.length ?? 0;
        this.budget.charge(startedAt, bytes);
        if (records.length) {
          this.status.lastSequenceNumber = records.at(-1)!.SequenceNumber ?? this.status.lastSequenceNumber;
          this.latestHeldSince = null;
        }
        this.status.records += records.length;
        this.status.millisBehindLatest = page.MillisBehindLatest ?? null;
        await this.hooks.onRecords(this.shardId, records, this.status.millisBehindLatest);
        if (signal.aborted) return;
        if (!page.NextShardIterator) {
          this.status.state = 'ended';
          this.status.note = 'closed by resharding; read to its end';
          this.hooks.onEnd(this.shardId, page.ChildShards ?? []);
          return;
        }
        iterator = page.NextShardIterator;
        const caughtUp = records.length === 0 && page.MillisBehindLatest === 0;
        this.status.state = caughtUp ? 'caught-up' : 'reading';
        this.status.note = null;
        if (caughtUp) await this.hooks.onCaughtUp?.(this.shardId);
        const backlog = records.length >= BACKLOG_PAGE_RECORDS || bytes >= BACKLOG_PAGE_BYTES;
        // The short page that ends a backlog is checked once more at the budget's pace, to learn
        // the shard is caught up without idling a second; from then on a short page means trickling.
        const endOfBacklog = inBacklog && !backlog && records.length > 0;
        nextPollAt = backlog || endOfBacklog ? 0 : startedAt + IDLE_POLL_MS;
        inBacklog = backlog;
      } catch (error) {
        if (signal.aborted) return;
        const failure = classifyAwsError(error);
        switch (failure.reader) {
          case 'renew-iterator':
            iterator = undefined;
            continue;
          case 'back-off':
            this.status.throttled++;
            this.status.note =
              failure.name === 'KMSThrottlingException' ? 'the stream\u2019s KMS key is throttled; backing off' : THROTTLED_NOTE;
            await sleep(backoff(attempt++, 500), signal);
            continue;
          case 'stop':
            this.hooks.onFatal(this.shardId, error as Error);
            return;
          case 'retry':
            failingSince ??= Date.now();
            if (Date.now() - failingSince > GIVE_UP_AFTER_MS) {
              this.hooks.onFatal(this.shardId, error as Error);
              return;
            }
            this.status.state = 'retrying';
            this.status.note = `retrying: ${failure.name}: ${failure.message}`;
            await sleep(backoff(attempt++, 500), signal);
        }
      }
    }
  }
}

import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type ChildShard,
  type GetShardIteratorCommandInput,
  type KinesisClient,
  type _Record as KinesisRecord,
} from '@aws-sdk/client-kinesis';
import type { ShardStatus, StartPosition } from '../../shared/contract';
import { backoff, sleep } from './timing';

/** Kinesis allows five GetRecords calls a second per shard, shared by all its readers. */
const MIN_CALL_INTERVAL_MS = 200;
/** A caught-up shard is asked again about once a second. */
const IDLE_POLL_MS = 1_000;
/** Network trouble is retried this long before the session gives up, visibly. */
const GIVE_UP_AFTER_MS = 60_000;
const fatal = new Set(['ResourceNotFoundException', 'AccessDeniedException', 'KMSAccessDeniedException', 'KMSDisabledException', 'KMSNotFoundException', 'UnrecognizedClientException', 'ExpiredTokenException', 'InvalidSignatureException', 'InvalidArgumentException']);

export interface ShardReaderHooks {
  onRecords(shardId: string, records: KinesisRecord[], millisBehindLatest: number | null): void;
  /** The shard is closed and read to its end; its children, where Kinesis named them. */
  onEnd(shardId: string, children: ChildShard[]): void;
  onFatal(shardId: string, error: Error): void;
  /** Resolves while the session is not paused. */
  whenRunning(): Promise<void>;
  signal: AbortSignal;
}

export class ShardReader {
  readonly status: ShardStatus;
  private lastCall = 0;

  constructor(
    private readonly client: KinesisClient,
    private readonly stream: string,
    readonly shardId: string,
    private readonly position: StartPosition,
    private readonly hooks: ShardReaderHooks,
  ) {
    this.status = { shardId, state: 'waiting', lastSequenceNumber: null, millisBehindLatest: null, records: 0, calls: 0, throttled: 0, note: null };
  }

  /** Where to resume: after the last record seen, so an expired iterator skips and repeats nothing. */
  private iteratorInput(): GetShardIteratorCommandInput {
    const base = { StreamName: this.stream, ShardId: this.shardId };
    if (this.status.lastSequenceNumber) return { ...base, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: this.status.lastSequenceNumber };
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

  async run(): Promise<void> {
    const { signal } = this.hooks;
    let iterator: string | undefined;
    let failingSince: number | null = null;
    let attempt = 0;
    while (!signal.aborted) {
      await this.hooks.whenRunning();
      if (signal.aborted) return;
      try {
        if (!iterator) {
          iterator = (await this.client.send(new GetShardIteratorCommand(this.iteratorInput()), { abortSignal: signal })).ShardIterator;
          if (!iterator) throw Object.assign(new Error('Kinesis gave no shard iterator.'), { name: 'InvalidArgumentException' });
          // From here on the position is held: records written now will be read.
          if (this.status.state === 'waiting') this.status.state = 'reading';
        }
        await sleep(Math.max(0, this.lastCall + MIN_CALL_INTERVAL_MS - Date.now()), signal);
        if (signal.aborted) return;
        this.lastCall = Date.now();
        this.status.calls++;
        const page = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }), { abortSignal: signal });
        failingSince = null;
        attempt = 0;
        const records = page.Records ?? [];
        if (records.length) this.status.lastSequenceNumber = records.at(-1)!.SequenceNumber ?? this.status.lastSequenceNumber;
        this.status.records += records.length;
        this.status.millisBehindLatest = page.MillisBehindLatest ?? null;
        this.hooks.onRecords(this.shardId, records, this.status.millisBehindLatest);
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
        if (caughtUp) await sleep(IDLE_POLL_MS, signal);
      } catch (error) {
        if (signal.aborted) return;
        const err = error as Error;
        if (err.name === 'ExpiredIteratorException') {
          iterator = undefined;
          continue;
        }
        if (err.name === 'ProvisionedThroughputExceededException' || err.name === 'LimitExceededException') {
          this.status.throttled++;
          this.status.note = 'throttled; backing off';
          await sleep(backoff(attempt++, 500), signal);
          continue;
        }
        if (fatal.has(err.name)) {
          this.hooks.onFatal(this.shardId, err);
          return;
        }
        failingSince ??= Date.now();
        if (Date.now() - failingSince > GIVE_UP_AFTER_MS) {
          this.hooks.onFatal(this.shardId, err);
          return;
        }
        this.status.state = 'retrying';
        this.status.note = `retrying: ${err.name}: ${err.message}`;
        await sleep(backoff(attempt++, 500), signal);
      }
    }
  }
}

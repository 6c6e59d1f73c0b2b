import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { PreviewRecord, PreviewStatus, StartPosition } from '../../../shared/contract';
import { decodePage } from '../engine/decode/decode-page';
import type { DecodedRecord } from '../engine/decode/record';
import type { ShardBudget } from '../engine/reader/read-budget';
import type { ReadEnd } from '../engine/reader/range-end';
import { ReadSession } from '../engine/reader/read-session';
import { Session } from '../../core/sessions/session';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { toPreviewRecord } from '../engine/decode/preview-record';

/** About 30 messages a second, however fast records arrive. */
const FLUSH_MS = 33;
const STATUS_MS = 1_000;
/** More than this in one interval would only be dropped by the renderer's buffer anyway. */
export const MAX_BATCH = 10_000;

export interface PreviewOptions {
  /** Its own client: it is destroyed with the session. */
  client: KinesisClient;
  stream: string;
  position: StartPosition;
  shardIds?: readonly string[];
  budget?: (shardId: string) => ShardBudget;
  /** Where the read ends, as a run's or a search's does; the session completes there. None: it follows the stream. */
  until?: ReadEnd;
  /**
   * Where decoded records go. By default they are batched to the owner as `preview:records`;
   * the CLI's `tail` prints them instead, and may return a promise to hold the read back while
   * its output drains.
   */
  sink?: (records: DecodedRecord[]) => void | Promise<void>;
  /** A shard was found at its tip: every record it had was handed to the sink. */
  onCaughtUp?: (shardId: string) => void;
}

/** The live preview: the read engine's pages decoded, batched and sent to the session's owner. */
export class PreviewSession extends Session {
  readonly kind = 'preview';
  readonly engine: ReadSession;
  private buffer: PreviewRecord[] = [];
  private dropped = 0;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: PreviewOptions,
  ) {
    super(id, owner);
    const deliver = options.sink ?? ((records: DecodedRecord[]): void => this.enqueue(records));
    this.engine = new ReadSession({
      client: options.client,
      stream: options.stream,
      position: options.position,
      shardIds: options.shardIds,
      budget: options.budget,
      until: options.until,
      onRecords: (shardId, records) => decodePage(shardId, records, (decoded) => deliver([decoded])),
      onCaughtUp: options.onCaughtUp,
      onComplete: () => void this.stop('completed'),
      onStopped: (reason) => void this.stop('error', reason),
    });
  }

  protected async begin(): Promise<void> {
    await this.engine.start();
    if (this.isStopped) return;
    if (!this.options.sink) this.timers.push(setInterval(() => this.flush(), FLUSH_MS));
    this.timers.push(setInterval(() => this.publishShards(), STATUS_MS));
  }

  private enqueue(records: DecodedRecord[]): void {
    for (const record of records) this.buffer.push(toPreviewRecord(record));
    if (this.buffer.length > MAX_BATCH) {
      this.dropped += this.buffer.length - MAX_BATCH;
      this.buffer = this.buffer.slice(-MAX_BATCH);
    }
  }

  private flush(): void {
    if (this.buffer.length === 0 && this.dropped === 0) return;
    const records = this.buffer;
    this.buffer = [];
    this.owner.send('preview:records', { sessionId: this.id, records, dropped: this.dropped });
    this.dropped = 0;
  }

  shardsStatus(): PreviewStatus {
    return { sessionId: this.id, state: this.currentState, reason: this.stopReason, shards: this.engine.shardStatuses() };
  }

  private publishShards(): void {
    this.owner.send('preview:status', this.shardsStatus());
  }

  protected override onPause(): void {
    this.engine.pause();
  }

  protected override onResume(): void {
    this.engine.resume();
  }

  protected async end(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.engine.stop();
    if (!this.options.sink) this.flush();
    this.publishShards();
    this.options.client.destroy();
  }
}

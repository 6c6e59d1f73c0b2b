import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { ARRIVAL_HOLD_MS, type PreviewRecord, type PreviewStatus, type StartPosition } from '../../../shared/contract';
import { decodePage } from '../engine/decode/decode-page';
import type { DecodedRecord } from '../engine/decode/record';
import type { SchemaDecoding } from '../engine/decode/schema/record-schemas';
import type { ShardBudget } from '../engine/reader/read-budget';
import type { ReadEnd } from '../engine/reader/range-end';
import { ReadSession } from '../engine/reader/read-session';
import { Session } from '../../core/sessions/session';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { PREVIEW_LIMIT, toPreviewRecord } from '../engine/decode/preview-record';
import { ArrivalOrder } from '../engine/reader/arrival-order';
import type { SessionResult } from '../../../shared/contract/sessions';
import type { RecordMasker } from '../engine/mask/masker';
import { sendMaskingReport } from '../engine/mask/mask-report';

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
  /** Every record whole and none dropped (the CLI's tail, which pauses the session while it prints). */
  wholeRecords?: boolean;
  /** Merged across shards by arrival time rather than sent as each shard is read. */
  order?: 'shard' | 'arrival';
  /** Schema-encoded records decoded by their schemas (issue 26). */
  schemas?: SchemaDecoding;
  /** The read's masking, applied to each record before it is batched. */
  masker?: RecordMasker;
}

/** Most records held to put them in arrival order; past it the earliest go, and their order is said to be uncertain. */
const MAX_HELD = 10_000;
/** How often a followed preview in arrival order lets go what it has held long enough. */
const RELEASE_MS = 100;

/** The live preview: the read engine's pages decoded, batched and sent to the session's owner. */
export class PreviewSession extends Session {
  readonly kind = 'preview';
  readonly engine: ReadSession;
  private buffer: PreviewRecord[] = [];
  private dropped = 0;
  private timers: NodeJS.Timeout[] = [];
  private readonly arrival: ArrivalOrder | null;

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: PreviewOptions,
  ) {
    super(id, owner);
    const arrival =
      options.order === 'arrival' ? new ArrivalOrder({ holdMs: options.until ? undefined : ARRIVAL_HOLD_MS, maxHeld: MAX_HELD }) : null;
    this.arrival = arrival;
    this.engine = new ReadSession({
      client: options.client,
      stream: options.stream,
      position: options.position,
      shardIds: options.shardIds,
      budget: options.budget,
      until: options.until,
      onRecords: (shardId, records) =>
        decodePage(
          shardId,
          records,
          (decoded) => {
            if (!arrival) return this.enqueue([decoded]);
            arrival.add(decoded);
            this.enqueue(arrival.release(this.engine.shardsStillGiving()));
          },
          options.schemas,
        ),
      onCaughtUp: (shardId) => arrival?.passed(shardId, Date.now()),
      onComplete: () => void this.stop('completed'),
      onStopped: (reason) => void this.stop('error', reason),
    });
  }

  protected async begin(): Promise<void> {
    await this.engine.start();
    if (this.isStopped) return;
    this.timers.push(setInterval(() => this.flush(), FLUSH_MS));
    const arrival = this.arrival;
    if (arrival && !this.options.until)
      this.timers.push(setInterval(() => this.enqueue(arrival.release(this.engine.shardsStillGiving())), RELEASE_MS));
    this.timers.push(setInterval(() => this.publishShards(), STATUS_MS));
  }

  private enqueue(records: DecodedRecord[]): void {
    const limit = this.options.wholeRecords ? Number.POSITIVE_INFINITY : PREVIEW_LIMIT;
    // The bytes of a decoded record would weigh as much again on every batch; the hex view fetches them.
    const { masker } = this.options;
    for (const record of records) this.buffer.push(toPreviewRecord(masker ? masker.mask(record) : record, limit, false));
    if (this.buffer.length > MAX_BATCH && !this.options.wholeRecords) {
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

  protected override result(): SessionResult | undefined {
    return this.arrival ? { kind: 'preview', releasedEarly: this.arrival.releasedEarly } : undefined;
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
    // What was held for order goes too, in order: a stop ends the read, not the records already read.
    if (this.arrival) this.enqueue(this.arrival.drain());
    this.flush();
    this.publishShards();
    sendMaskingReport(this.owner, this.id, this.options.masker);
    this.options.client.destroy();
  }
}

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { PreviewRecord, PreviewStatus, StartPosition } from '../../shared/contract';
import { decodeRecord } from '../decode/record';
import type { EventHub } from '../dispatch/event-hub';
import { ReadSession } from '../reader/read-session';
import { toPreviewRecord } from './preview-record';

/** About 30 messages a second, however fast records arrive. */
const FLUSH_MS = 33;
const STATUS_MS = 1_000;
/** More than this in one interval would only be dropped by the renderer's buffer anyway. */
export const MAX_BATCH = 10_000;

/** The preview's consumer of the read engine: decodes, batches and sends records to the renderer. */
export class PreviewSession {
  private readonly engine: ReadSession;
  private buffer: PreviewRecord[] = [];
  private dropped = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private state: PreviewStatus['state'] = 'starting';

  constructor(
    readonly id: string,
    private readonly client: KinesisClient,
    stream: string,
    position: StartPosition,
    shardIds: string[] | undefined,
    private readonly events: EventHub,
  ) {
    this.engine = new ReadSession({
      client,
      stream,
      position,
      shardIds,
      onRecords: (shardId, records) => {
        for (const record of records) for (const decoded of decodeRecord(shardId, record)) this.buffer.push(toPreviewRecord(decoded));
        if (this.buffer.length > MAX_BATCH) {
          this.dropped += this.buffer.length - MAX_BATCH;
          this.buffer = this.buffer.slice(-MAX_BATCH);
        }
      },
      onStopped: () => void this.stop(),
    });
  }

  async start(): Promise<void> {
    await this.engine.start();
    this.state = 'running';
    this.timers.push(setInterval(() => this.flush(), FLUSH_MS), setInterval(() => this.publishStatus(), STATUS_MS));
    this.publishStatus();
  }

  private flush(): void {
    if (this.buffer.length === 0 && this.dropped === 0) return;
    const records = this.buffer;
    this.buffer = [];
    this.events.emit('preview:records', { sessionId: this.id, records, dropped: this.dropped });
    this.dropped = 0;
  }

  status(): PreviewStatus {
    return { sessionId: this.id, state: this.state, reason: this.engine.stopReason, shards: this.engine.shardStatuses() };
  }

  private publishStatus(): void {
    this.events.emit('preview:status', this.status());
  }

  pause(): void {
    this.engine.pause();
    this.state = 'paused';
    this.publishStatus();
  }

  resume(): void {
    this.engine.resume();
    this.state = 'running';
    this.publishStatus();
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    for (const timer of this.timers) clearInterval(timer);
    await this.engine.stop();
    this.flush();
    this.publishStatus();
    this.client.destroy();
  }
}

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { MetricsSample, StartPosition } from '../../shared/contract';
import type { EventHub } from '../dispatch/event-hub';
import { deaggregate, isAggregated } from '../kpl/deaggregate';
import { ReadSession } from '../reader/read-session';
import { Meter, type ReaderCounters } from './meter';

/** The charts' consumer of the read engine: counts what it reads, never forwards a record. */
export class MetricsSession {
  private readonly engine: ReadSession;
  private readonly meter = new Meter();
  private timer: NodeJS.Timeout | null = null;
  private endedBy!: () => void;
  /** Resolves when the engine stops by itself (see stopReason). */
  readonly ended = new Promise<void>((resolve) => (this.endedBy = resolve));

  constructor(
    readonly id: string,
    private readonly client: KinesisClient,
    stream: string,
    position: StartPosition,
    private readonly publish: (sample: MetricsSample) => void,
  ) {
    this.engine = new ReadSession({
      client,
      stream,
      position,
      onRecords: (shardId, records) => {
        for (const record of records) {
          const data = record.Data ?? new Uint8Array();
          const users = isAggregated(data) ? deaggregate(data, record.PartitionKey ?? '', record.SequenceNumber ?? '') : null;
          this.meter.add(shardId, record.PartitionKey ?? '', data.length, users?.ok ? users.records.length : 1);
        }
      },
      onStopped: () => {
        this.endedBy();
        void this.stop();
      },
    });
  }

  async start(intervalMs = 1_000): Promise<void> {
    await this.engine.start();
    this.timer = setInterval(() => this.publish(this.sample()), intervalMs);
  }

  sample(now = Date.now()): MetricsSample {
    const readers = new Map<string, ReaderCounters>(this.engine.shardStatuses().map((s) => [s.shardId, s]));
    return this.meter.sample(this.id, readers, now);
  }

  get stopReason(): string | null {
    return this.engine.stopReason;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.engine.stop();
    this.client.destroy();
  }
}

/** Samples leave main as small aggregated events over the contract. */
export function publishTo(events: EventHub): (sample: MetricsSample) => void {
  return (sample) => events.emit('metrics:sample', sample);
}

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { MetricsSample, StartPosition } from '../../../shared/contract';
import { countUserRecords, isAggregated } from '../engine/kpl/deaggregate';
import { ReadBudgets, type ShardBudget } from '../engine/reader/read-budget';
import type { ReadEnd } from '../engine/reader/range-end';
import { ReadSession } from '../engine/reader/read-session';
import { Session } from '../../core/sessions/session';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { Meter, type ReaderCounters } from './meter';

export interface MetricsOptions {
  /** Its own client: it is destroyed with the session. */
  client: KinesisClient;
  stream: string;
  position: StartPosition;
  budget?: (shardId: string) => ShardBudget;
  intervalMs?: number;
  /** Where the meter stops by itself (see shared/meter-end); none: it measures until stopped. */
  until?: ReadEnd;
}

/** The charts' consumer of the read engine: counts what it reads, never forwards a record. */
export class MetricsSession extends Session {
  readonly kind = 'metrics';
  private readonly engine: ReadSession;
  private readonly meter = new Meter();
  private readonly budget: (shardId: string) => ShardBudget;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: MetricsOptions,
  ) {
    super(id, owner);
    this.budget = options.budget ?? new ReadBudgets(() => ({ callsPerSecond: 5, mibPerSecond: null })).forStream('', options.stream);
    this.engine = new ReadSession({
      client: options.client,
      stream: options.stream,
      position: options.position,
      budget: this.budget,
      until: options.until,
      onComplete: () => void this.stop('completed'),
      onRecords: (shardId, records) => {
        for (const record of records) {
          const data = record.Data ?? new Uint8Array();
          const users = isAggregated(data) ? countUserRecords(data) : null;
          this.meter.add(shardId, record.PartitionKey ?? '', data.length, users?.ok ? users.count : 1);
        }
      },
      onStopped: (reason) => void this.stop('error', reason),
    });
  }

  protected async begin(): Promise<void> {
    await this.engine.start();
    if (this.isStopped) return;
    this.timer = setInterval(() => this.owner.send('metrics:sample', this.sample()), this.options.intervalMs ?? 1_000);
  }

  sample(now = Date.now()): MetricsSample {
    const readers = new Map<string, ReaderCounters>(
      this.engine.shardStatuses().map((s) => {
        const budget = this.budget(s.shardId);
        return [s.shardId, { ...s, processCalls: budget.callsMade, budgetCallsPerSecond: budget.settings.callsPerSecond }];
      }),
    );
    return this.meter.sample(this.id, readers, now);
  }

  protected async end(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.engine.stop();
    this.options.client.destroy();
  }
}

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { HeatProgress, HeatReport, HeatSpec } from '../../../shared/contract/heat';
import type { SessionResult } from '../../../shared/contract/sessions';
import { Session } from '../../core/sessions/session';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { listShards } from '../engine/kinesis/stream-detail';
import type { ShardBudget } from '../engine/reader/read-budget';
import { RangeScan } from '../engine/reader/range-scan';
import type { RecordMasker } from '../engine/mask/masker';
import { sendMaskingReport } from '../engine/mask/mask-report';
import { HeatCollector } from './heat-collector';
import { heatReport } from './heat-report';
import { maskHeatKeys } from './mask-keys';

const PROGRESS_MS = 500;

export interface HeatOptions {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  spec: HeatSpec;
  /** The connection's rules for a view: keys in the report are masked as a preview's partition keys are. */
  masker?: RecordMasker;
}

/**
 * Heat over a window: the range scan that runs and searches use, with a sink that counts every
 * user record by shard, second and key. The report is the session's result, so a host has it
 * with the last status however the window ended; stopped early, it covers what was read.
 */
export class HeatSession extends Session {
  readonly kind = 'heat';
  private scan: RangeScan | null = null;
  private readonly collector: HeatCollector;
  private timer: NodeJS.Timeout | null = null;
  private report: HeatReport | null = null;
  private last = { at: Date.now(), scanned: 0, rate: 0 };

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: HeatOptions,
  ) {
    super(id, owner);
    this.collector = new HeatCollector(options.spec.by === 'minute' ? 60 : 1);
  }

  protected async begin(): Promise<void> {
    const { spec, client } = this.options;
    const collector = this.collector;
    collector.knowShards(await listShards(client, spec.stream));
    this.scan = new RangeScan({
      client,
      budget: this.options.budget,
      stream: spec.stream,
      shardIds: spec.shardIds,
      from: spec.from,
      until: spec.until,
      // Heat reads keys, sizes and times only: parsing every payload would be most of its cost.
      payloads: false,
      sink: {
        take: (record) => {
          if (collector.knows(record.shardId)) {
            collector.take(record);
            return 'more';
          }
          // A shard born of a split during the read: the shard map is read once more for its hash range.
          return listShards(client, spec.stream).then((shards) => {
            collector.knowShards(shards);
            collector.take(record);
            return 'more' as const;
          });
        },
      },
      onComplete: async () => void this.stop('completed'),
      onFailure: (error) => void this.stop('error', (error as Error).message),
      onStopped: (reason) => void this.stop('error', reason),
    });
    await this.scan.start();
    if (this.isStopped) return;
    this.timer = setInterval(() => this.owner.send('heat:progress', this.progress()), PROGRESS_MS);
  }

  progress(): HeatProgress {
    const now = Date.now();
    const scanned = this.collector.totals.userRecords;
    if (now - this.last.at >= 250) this.last = { at: now, scanned, rate: ((scanned - this.last.scanned) * 1_000) / (now - this.last.at) };
    const snapshot = this.scan?.progress.snapshot(
      this.id,
      { until: this.options.spec.until } as never,
      { records: 0, bytes: 0, files: 0, rejects: 0 },
      this.scan.shardStatuses(),
    );
    return {
      sessionId: this.id,
      scanned,
      bytes: this.collector.totals.bytes,
      recordsPerSecond: this.last.rate,
      shards: (snapshot?.shards ?? []).map((s) => ({
        shardId: s.shardId,
        state: s.state,
        records: s.records,
        lastArrival: s.lastArrival,
        fraction: s.fraction,
      })),
    };
  }

  protected override result(): SessionResult | undefined {
    return this.report ? { kind: 'heat', report: this.report } : undefined;
  }

  protected async end(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.scan?.stop();
    this.report = maskHeatKeys(heatReport(this.collector, this.options.spec), this.options.masker);
    sendMaskingReport(this.owner, this.id, this.options.masker);
    this.owner.send('heat:progress', this.progress());
    this.options.client.destroy();
  }
}

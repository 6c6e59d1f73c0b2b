import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { PreviewRecord, SearchProgress, SearchSpec } from '../../../shared/contract';
import { PREVIEW_LIMIT, toPreviewRecord } from '../engine/decode/preview-record';
import type { ShardBudget } from '../engine/reader/read-budget';
import { RangeScan } from '../engine/reader/range-scan';
import type { SchemaDecoding } from '../engine/decode/schema/record-schemas';
import { Session } from '../../core/sessions/session';
import type { SessionResult } from '../../../shared/contract/sessions';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { compileFilter } from './cel-filter';
import { EarliestMatches } from './earliest-matches';
import type { RecordMasker } from '../engine/mask/masker';
import { sendMaskingReport } from '../engine/mask/mask-report';

const FLUSH_MS = 100;
const PROGRESS_MS = 500;

export interface SearchOptions {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  spec: SearchSpec;
  /** Schema-encoded records decoded by their schemas, so expressions reach their fields. */
  schemas?: SchemaDecoding;
  /** Masks each match as it is sent; the expression has seen the record whole. */
  masker?: RecordMasker;
}

/**
 * A search: the scan of a range that runs use, with a sink that evaluates a CEL expression on
 * each user record in main and sends only the matches, batched, until the end of the window,
 * the limit of matches, or a stop. The matches are the earliest `limit` of the window, sent in
 * arrival order as each becomes certain (see EarliestMatches): the same answer whatever order
 * the shards happen to be read in.
 */
export class SearchSession extends Session {
  readonly kind = 'search';
  private scan: RangeScan | null = null;
  private matches: EarliestMatches | null = null;
  private batch: PreviewRecord[] = [];
  private timers: NodeJS.Timeout[] = [];
  private counts = { scanned: 0, matched: 0, errors: 0, firstError: null as string | null };
  private last = { at: Date.now(), scanned: 0, rate: 0 };

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: SearchOptions,
  ) {
    super(id, owner);
  }

  get totals() {
    return { ...this.counts };
  }

  protected async begin(): Promise<void> {
    const { spec } = this.options;
    const filter = compileFilter(spec.expression);
    const matches = new EarliestMatches(spec.limit, (record) => {
      this.counts.matched++;
      const { masker } = this.options;
      this.batch.push(toPreviewRecord(masker ? masker.mask(record) : record, spec.wholeRecords ? Number.POSITIVE_INFINITY : PREVIEW_LIMIT));
    });
    this.matches = matches;
    const release = () => matches.release(this.scan?.shardsStillGiving() ?? []);
    this.scan = new RangeScan({
      client: this.options.client,
      budget: this.options.budget,
      stream: spec.stream,
      shardIds: spec.shardIds,
      from: spec.from,
      until: spec.until,
      schemas: this.options.schemas,
      sink: {
        take: (record) => {
          // A shard stopped for its limit may still hand over the rest of a page.
          if (!matches.wants(record.shardId)) return 'more';
          this.counts.scanned++;
          const verdict = filter(record);
          if (verdict !== 'match' && verdict !== 'no-match') {
            this.counts.errors++;
            this.counts.firstError ??= `${record.shardId}/${record.sequenceNumber}: ${verdict.error}`;
          }
          if (matches.scanned(record, verdict === 'match')) this.scan?.stopShard(record.shardId);
          return release() ? 'stop' : 'more';
        },
        caughtUp: (shardId) => {
          matches.caughtUp(shardId);
          if (release()) void this.stop('completed');
        },
        shardState: (shardId, state) => {
          if (state === 'done') matches.finish(shardId);
          if (release()) void this.stop('completed');
        },
      },
      onComplete: async () => {
        matches.drain();
        void this.stop('completed');
      },
      onFailure: (error) => void this.stop('error', (error as Error).message),
      onStopped: (reason) => void this.stop('error', reason),
    });
    await this.scan.start();
    if (this.isStopped) return;
    this.timers.push(
      setInterval(() => this.flush(), FLUSH_MS),
      setInterval(() => this.owner.send('search:progress', this.progress()), PROGRESS_MS),
    );
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const records = this.batch;
    this.batch = [];
    this.owner.send('search:matches', { sessionId: this.id, records });
  }

  progress(): SearchProgress {
    const now = Date.now();
    if (now - this.last.at >= 250)
      this.last = {
        at: now,
        scanned: this.counts.scanned,
        rate: ((this.counts.scanned - this.last.scanned) * 1_000) / (now - this.last.at),
      };
    const snapshot = this.scan?.progress.snapshot(
      this.id,
      { until: this.options.spec.until } as never,
      { records: 0, bytes: 0, files: 0, rejects: 0 },
      this.scan.shardStatuses(),
    );
    return {
      sessionId: this.id,
      ...this.counts,
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
    return { kind: 'search', totals: this.totals };
  }

  protected async end(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.scan?.stop();
    // Stopped early: what is held is the earliest of what was read, still in order.
    this.matches?.drain();
    this.flush();
    this.owner.send('search:progress', this.progress());
    sendMaskingReport(this.owner, this.id, this.options.masker);
    this.options.client.destroy();
  }
}

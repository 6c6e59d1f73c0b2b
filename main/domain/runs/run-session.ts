import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { type RunConnection, type RunProgress, type RunSpec, type RunSummary } from '../../../shared/contract/runs';
import type { DecodedRecord } from '../engine/decode/record';
import { toRecordJson, type RecordJson } from '../engine/decode/record-json';
import type { ShardBudget } from '../engine/reader/read-budget';
import { RatePacer } from '../engine/reader/timing';
import { Session } from '../../core/sessions/session';
import type { SessionResult } from '../../../shared/contract/sessions';
import type { SessionOwner } from '../../core/sessions/session-owner';
import type { FileOps } from '../engine/files/file-ops';
import { formatOf } from './formats';
import { writeFailure } from '../engine/files/write-errors';
import type { OutputFormat } from './formats/output-file';
import { RangeScan } from '../engine/reader/range-scan';
import type { SchemaDecoding } from '../engine/decode/schema/record-schemas';
import { resumePoint } from '../engine/jobs/resume-point';
import { dropEmptyRun, openManifest, wroteNothing } from './run-folder';
import type { RunTarget } from './run-target';
import { openRunTarget, type RunPlaces } from './run-targets';
import { partitionerOf, type Placement } from './partitioning';
import { RunFiles } from './run-files';
import { rejectLimitFailure, summarizeRun } from './run-summary';
import { compileMapping, type RecordMapping } from '../engine/decode/record-mapping';
import { RunSchemas, type TypedRecord } from './typed/run-schemas';
import { CellError } from './typed/schema-column';
import type { MaskRule } from '../../../shared/contract/masking';
import type { RecordMasker } from '../engine/mask/masker';
import { sendMaskingReport } from '../engine/mask/mask-report';
import { rangedScan, type PayloadLoader, type RecordRanges } from '../engine/reader/record-ranges';

export interface RunOptions {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  spec: RunSpec;
  /** Schema-encoded records decoded by their schemas: the run gets their JSON values. */
  schemas?: SchemaDecoding;
  /** Carry on the run already in the folder. */
  resume: boolean;
  /** Remove the run already in the folder (what it wrote, and its run.json) and begin afresh. */
  restart?: boolean;
  /** The connection it reads with, kept in its summary for "run again". */
  connection?: RunConnection;
  progressMs?: number;
  /** The file-system steps the run takes (its tests fail one of them). */
  fileOps?: FileOps;
  /** What a run into S3 needs (its connection's S3 client, the spool's data folder); a folder run needs none. */
  places?: RunPlaces;
  /**
   * Told the run's summary once it has stopped, before its stop is reported: the history is
   * written by the time a window hears the run ended, whichever host ran it.
   */
  onFinished?(summary: RunSummary): Promise<void>;
  /** The masker for the rules in the run's run.json (a resumed run keeps the rules it began with). */
  masking?(rules: readonly MaskRule[]): Promise<RecordMasker>;
  /** Reads the payloads of a redrive's notices, for the records retention took (see rangedScan). */
  payloads?: PayloadLoader;
}

/**
 * An ingestion run: one scan of a range of a stream (the read engine, as for every reader) with
 * a sink that writes files. Every user record of the range lands in the complete files exactly
 * once, across stops, crashes and resumes (see RunFiles).
 */
export class RunSession extends Session {
  readonly kind = 'run';
  private scan: RangeScan | null = null;
  private files: RunFiles | null = null;
  private format: OutputFormat | null = null;
  private mapping: RecordMapping | null = null;
  private typing: RunSchemas | null = null;
  private partitioner: ((record: RecordJson) => Placement) | null = null;
  private spec: RunSpec;
  private target: RunTarget | null = null;
  private claimed = false;
  private timers: NodeJS.Timeout[] = [];
  private startedAt = new Date();
  private taken = 0;
  /** The --rate, kept twenty records at a time. */
  private pacer: RatePacer | null = null;
  private masker: RecordMasker | undefined;
  /** Only these records of the stream, where the run was given ranges (a redrive's export). */
  private ranges: RecordRanges | null = null;
  /** Ends any wait of the sink (the --rate pacing) the moment the run stops. */
  private readonly stopping = new AbortController();
  /**
   * Whether this run made its folder, whether it made the folder's run.json, and whether it got
   * going: a new run that fails to start takes back what it made. One that fails later keeps its
   * run.json even with nothing written, as its reason says to resume.
   */
  private createdFolder = false;
  private createdManifest = false;
  private begun = false;
  summary: RunSummary | null = null;

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: RunOptions,
  ) {
    super(id, owner);
    this.spec = options.spec;
  }

  get folder(): string {
    return this.spec.folder;
  }

  protected async begin(): Promise<void> {
    const target = await openRunTarget(this.options.spec, this.options.places);
    this.target = target;
    // The place as the target names it (an S3 prefix with its trailing slash), in run.json, progress and history.
    const asked = { ...this.options.spec, folder: target.location };
    this.spec = asked;
    this.createdFolder = await target.prepare();
    // A mapping that does not compile is said before the folder is touched.
    if (asked.map) this.mapping = compileMapping(asked.map);
    await target.claim((lost) => this.fail(lost));
    this.claimed = true;
    const manifest = await openManifest(target, asked, this.options.resume, this.options.restart);
    this.createdManifest = !this.options.resume;
    this.spec = manifest.spec;
    if (this.spec.masking && this.options.masking) this.masker = await this.options.masking(this.spec.masking.rules);
    if (this.spec.map) this.mapping = compileMapping(this.spec.map);
    this.partitioner = partitionerOf(this.spec.partitionBy);
    this.format = formatOf(this.spec, manifest.parquetNested === 'columns');
    // Columns come from the writer's schema where there is one, unless a mapping reshapes the values or a pinned schema fixes them.
    if (manifest.schemaColumns === 'writer' && this.spec.format !== 'jsonl' && !this.spec.map && !this.spec.schema)
      this.typing = new RunSchemas(this.options.schemas, this.spec.maxColumns);
    if (this.spec.rate) this.pacer = new RatePacer({ recordsPerSecond: this.spec.rate });
    // The same place, its commit steps taken with the file operations a test may fail (opening and recovery never are).
    const writing = this.options.fileOps ? target.writingWith(this.options.fileOps) : target;
    this.files = new RunFiles(writing, this.format, manifest);
    const { from, startAt, seen } = resumePoint(manifest, this.spec.from, this.options.resume);
    const { client, payloads: load } = this.options;
    const ranged = await rangedScan(client, this.spec.stream, this.spec.ranges, startAt, { source: this.spec.payloads, load });
    this.ranges = ranged?.ranges ?? null;
    const sink = { seen, take: (record: DecodedRecord) => this.take(record), shardState: this.files.setShardState.bind(this.files) };
    this.scan = new RangeScan({
      client,
      budget: this.options.budget,
      stream: this.spec.stream,
      shardIds: ranged?.shardIds ?? this.spec.shardIds,
      from,
      until: ranged?.until ?? this.spec.until,
      // A run holds a page per shard while it writes it: smaller pages keep memory flat.
      pageLimit: 2_500,
      schemas: this.options.schemas,
      startAt: ranged?.startAt ?? startAt,
      preloaded: ranged?.preloaded,
      sink,
      onComplete: () => this.complete(),
      onFailure: (error) => this.fail(error),
      onStopped: (reason) => void this.stop('error', reason),
    });
    if (manifest.status === 'completed') {
      this.summary = this.summarize('completed', null);
      return;
    }
    await this.scan.start();
    if (this.isStopped) return;
    this.timers.push(setInterval(() => this.owner.send('run:progress', this.progressNow()), this.options.progressMs ?? 1_000));
    if (this.spec.rollEveryMs)
      this.timers.push(setInterval(() => void this.scan!.enqueue(() => this.files!.commit()), this.spec.rollEveryMs));
    this.begun = true;
  }

  /** A run resumed after it had completed starts, finds nothing left to do, and ends at once. */
  override async start(): Promise<void> {
    await super.start();
    if (this.summary?.outcome === 'completed') void this.stop('completed');
  }

  /** One user record: mapped, then written to the current file or rejected with the reason. */
  private async take(read: DecodedRecord): Promise<'more' | 'stop'> {
    const place = this.ranges?.place(read.shardId, read.sequenceNumber) ?? 'inside';
    if (place === 'past') this.scan!.stopShard(read.shardId);
    if (place === 'between') this.files!.passOver(read);
    if (place !== 'inside') return 'more';
    // The rest of the last record's page (an aggregate's other user records) still comes through.
    if (this.ranges?.endsAt(read.shardId, read.sequenceNumber)) this.scan!.stopShard(read.shardId);
    const decoded = this.masker ? this.masker.mask(read) : read;
    // Paced before it is written, twenty records a step (a page can hold 10,000), so a stop never
    // finds records written ahead of the rate.
    if (this.pacer && this.taken % 20 === 0) await this.pacer.take(20, 0, this.stopping.signal);
    // Once stopping, the rest of the page fetched ahead is left unwritten: the marks stay before it, so a resume reads it again.
    if (this.stopping.signal.aborted) return 'more';
    const files = this.files!;
    const json = toRecordJson(decoded);
    let rejection: string | null = null;
    if (this.mapping && json.encoding === 'json') {
      const mapped = await this.mapping(json.data);
      if (mapped.ok) json.data = mapped.data;
      else rejection = mapped.reason;
    }
    rejection ??= this.format!.reject(json);
    let partition = '';
    if (!rejection && this.partitioner) {
      const placement = this.partitioner(json);
      if ('refused' in placement) rejection = placement.refused;
      else partition = placement.partition;
    }
    let typed: TypedRecord | null = null;
    try {
      if (!rejection) typed = this.typing?.typed(decoded) ?? null;
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      rejection = `a value does not fit its schema's column: ${error.message}`;
    }
    if (rejection) {
      files.reject(json, rejection);
      if (this.tooManyRejects()) return 'stop';
    } else {
      await files.add(json, this.spec.maxFileBytes, typed ?? undefined, partition);
    }
    this.taken++;
    const { until } = this.spec;
    return until.type === 'count' && files.counts.records + files.counts.rejects >= until.count ? 'stop' : 'more';
  }

  private tooManyRejects(): boolean {
    const failure = rejectLimitFailure(this.spec, this.files!.counts);
    if (failure) this.fail(failure);
    return failure !== null;
  }

  private async complete(): Promise<void> {
    if (this.isStopped) return;
    await this.files!.commit();
    await this.files!.finish('completed', null);
    this.summary = this.summarize('completed', null);
    void this.stop('completed');
  }

  private fail(error: unknown): void {
    const failure = writeFailure(error, this.target?.writePlace ?? this.spec.folder);
    void this.stop('error', failure.message, failure.remedy);
  }

  progressNow(): RunProgress {
    const counts = this.files?.counts ?? { records: 0, bytes: 0, files: 0, rejects: 0 };
    return this.scan
      ? this.scan.progress.snapshot(this.id, this.spec, counts, this.scan.shardStatuses())
      : { sessionId: this.id, folder: this.spec.folder, ...counts, recordsPerSecond: 0, etaSeconds: null, shards: [] };
  }

  private summarize(outcome: RunSummary['outcome'], reason: string | null): RunSummary {
    return summarizeRun(
      { spec: this.spec, files: this.files!, startedAt: this.startedAt, connection: this.options.connection },
      outcome,
      reason,
    );
  }

  protected override result(): SessionResult | undefined {
    return this.summary ? { kind: 'run', summary: this.summary } : undefined;
  }

  protected async end(): Promise<void> {
    this.stopping.abort();
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.scan?.stop();
    sendMaskingReport(this.owner, this.id, this.masker);
    if (this.files && !this.summary) {
      const status = this.status();
      let failed = status.stoppedBy === 'error';
      let reason = status.reason;
      let remedy = this.stopRemedy;
      // What was read is kept: the file in hand is completed, unless writing is what failed (then it is read again on resume).
      await this.files.commit().catch(async (error: unknown) => {
        await this.files!.abandon();
        if (reason === null) {
          const failure = writeFailure(error, this.target?.writePlace ?? this.spec.folder);
          reason = failure.message;
          remedy = failure.remedy;
        }
        failed = true;
      });
      // On a full disk even this may fail: the folder's run.json then still says running, which a resume accepts.
      await this.files.finish(failed ? 'failed' : 'stopped', reason).catch(() => {});
      this.summary = this.summarize(failed ? 'failed' : 'stopped', reason);
      // A failure the same run outlives (a full disk, a lost lock) says to carry it on; otherwise its
      // output stays, so the corrected command needs to be told how to begin afresh.
      if (failed && remedy) this.summary.remedy = remedy;
      else if (failed && !wroteNothing(this.files.state)) this.summary.remedy = 'start-over';
    }
    if (this.files) this.owner.send('run:progress', this.progressNow());
    if (this.summary) await this.options.onFinished?.(this.summary).catch(() => {});
    // A new run that failed to start (a mistyped stream, an option the runtime lacks) leaves no claim on its folder.
    const failedToStart = !this.begun && this.status().stoppedBy === 'error';
    const target = this.target;
    const released = failedToStart && this.createdManifest && target !== null && (await dropEmptyRun(target).catch(() => false));
    if (this.claimed) await target?.release().catch(() => {});
    this.claimed = false;
    if (failedToStart && this.createdFolder && (released || !this.createdManifest)) await target?.removeIfEmpty().catch(() => {});
    target?.close();
    this.options.client.destroy();
  }
}

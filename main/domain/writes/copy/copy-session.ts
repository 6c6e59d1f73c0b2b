import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { CopyProgress, CopySpec } from '../../../../shared/contract/writes';
import { toApiError } from '../../../core/app-error';
import { Session } from '../../../core/sessions/session';
import type { SessionResult } from '../../../../shared/contract/sessions';
import type { SessionOwner } from '../../../core/sessions/session-owner';
import type { DecodedRecord } from '../../engine/decode/record';
import { listShards } from '../../engine/kinesis/stream-detail';
import type { ShardBudget } from '../../engine/reader/read-budget';
import { RangeScan } from '../../engine/reader/range-scan';
import { resumePoint } from '../../engine/jobs/resume-point';
import { ensureFolder } from '../../engine/files/ensure-folder';
import { lockFolder } from '../../engine/files/folder-lock';
import type { FileOps } from '../../engine/files/file-ops';
import { SHARD_WRITE_BYTES_PER_SECOND, SHARD_WRITE_RECORDS_PER_SECOND } from '../limits';
import { RecordWriter } from '../record-writer';
import { keyFor } from '../send-records';
import { digestOf, type CarriedEntry, type CopyManifest } from './copy-manifest';
import { TargetLedger } from './target-ledger';
import { openCopyManifest, saveCopy } from './copy-folder';
import { CopyJournal } from './copy-journal';
import { copyProgress, copySummary } from './copy-summary';
import { rangedScan, type PayloadLoader, type RecordRanges } from '../../engine/reader/record-ranges';
import { compileMapping, type RecordMapping } from '../../engine/decode/record-mapping';
import { mappedRecord } from './copy-rules';

export interface CopyEnds {
  client: KinesisClient;
  budget?: (shardId: string) => ShardBudget;
  /** The saved connection this end is, if it is one: a target made read-only stops the copy. */
  profile?: string | null;
}

export interface CopyOptions {
  source: CopyEnds;
  target: CopyEnds;
  spec: CopySpec;
  /** Where the copy's manifest lives. */
  folder: string;
  resume: boolean;
  /** Start afresh even though an unfinished copy is kept in the folder. */
  restart?: boolean;
  progressMs?: number;
  /** The file-system steps of saving the manifest (its tests fail one of them). */
  fileOps?: FileOps;
  /** Reads the notices' payloads of a spec that has them (a redrive's records retention took). */
  payloads?: PayloadLoader;
}

import type { CopySummary } from '../../../../shared/contract/writes';
export type { CopySummary };

const keyOf = (shardId: string, sequenceNumber: string, sub: number | null) => `${shardId}/${sequenceNumber}/${sub ?? ''}`;

/**
 * A copy of a window of one stream into another: the run engine's scan of the source with a
 * sink that writes to the target. Each user record reaches the target once per copy, across
 * stops and crashes: records go in chunks; before a chunk is sent the manifest lists it, after
 * it is in the marks move past it. A copy resumed after a crash mid-chunk reads the target for
 * the listed records and writes only those that did not arrive.
 */
export class CopySession extends Session {
  readonly kind = 'copy';
  private manifest!: CopyManifest;
  private journal: CopyJournal | null = null;
  private scan: RangeScan | null = null;
  private writer: RecordWriter<void> | null = null;
  private unlock: (() => Promise<void>) | null = null;
  private timers: NodeJS.Timeout[] = [];
  /** After a crash: the records that were in flight, and whether each reached the target. */
  private recovery = new Map<string, CarriedEntry>();
  private readonly startedAt = Date.now();
  /** Written before this session (a resumed copy): the rate counts this session's writes only. */
  private writtenBefore = 0;
  /** Only these records of the source, where the copy was given ranges. */
  private ranges: RecordRanges | null = null;
  /** The spec's map, compiled once before anything is read. */
  private mapping: RecordMapping | null = null;
  summary: CopySummary | null = null;

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: CopyOptions,
  ) {
    super(id, owner);
  }

  override get writesTo(): string | null {
    return this.options.target.profile ?? null;
  }

  protected async begin(): Promise<void> {
    const { folder, target } = this.options;
    await ensureFolder(folder);
    this.unlock = await lockFolder(folder, (lost) => void this.stop('error', lost.message, lost.remedy));
    this.manifest = await openCopyManifest(folder, this.options.spec, this.options.resume, this.options.restart);
    const spec = this.manifest.spec;
    if (spec.map) this.mapping = compileMapping(spec.map);
    this.writtenBefore = this.manifest.totals.written;
    if (this.manifest.status === 'completed') {
      this.summary = this.summarize('completed', null);
      return;
    }
    const openShards = (await listShards(target.client, spec.target)).filter((shard) => shard.open).length;
    const recordsPerSecond = spec.rate ?? Math.max(1, openShards) * SHARD_WRITE_RECORDS_PER_SECOND;
    const ledger = new TargetLedger(target, spec.target, this.manifest.targetMarks);
    const journal = new CopyJournal(folder, this.manifest, ledger, this.options.fileOps, recordsPerSecond);
    this.journal = journal;
    this.writer = new RecordWriter({
      client: target.client,
      stream: spec.target,
      // Each record the target accepts moves the copy's mark on that target shard.
      onWritten: (_tag, written) => ledger.note(written),
      // A call lost on the way is looked for in the target, as after a crash, before anything is sent again.
      findLanded: (sent, sentAt) =>
        ledger.landed(
          sent.map(({ entry }) => digestOf(entry.partitionKey, entry.data)),
          sentAt.toISOString(),
        ),
      // A low rate goes out a second's worth at a time, not in bursts of 500.
      maxBatchRecords: Math.ceil(recordsPerSecond),
      rate: {
        recordsPerSecond,
        bytesPerSecond: Math.max(1, openShards) * SHARD_WRITE_BYTES_PER_SECOND,
      },
    });
    await this.recover(ledger, journal);
    const { from, startAt, seen } = resumePoint(this.manifest, spec.from, this.options.resume);
    const payloads = { source: spec.payloads, load: this.options.payloads };
    const ranged = await rangedScan(this.options.source.client, spec.source, spec.ranges, startAt, payloads);
    this.ranges = ranged?.ranges ?? null;
    this.scan = new RangeScan({
      ...this.options.source,
      stream: spec.source,
      from,
      until: ranged?.until ?? spec.until,
      pageLimit: 2_500,
      ...(ranged ? { shardIds: ranged.shardIds, preloaded: ranged.preloaded } : {}),
      startAt: ranged?.startAt ?? startAt,
      sink: {
        seen,
        take: (record) => this.take(record),
        shardState: (shardId, state) => journal.shardState(shardId, state),
      },
      onComplete: () => this.complete(),
      onFailure: (error) => {
        const failure = toApiError(error);
        void this.stop('error', failure.message, failure.remedy);
      },
      onStopped: (reason) => void this.stop('error', reason),
    });
    await this.scan.start();
    if (this.isStopped) return;
    // A quiet source still gets its few records across within a second.
    this.timers.push(setInterval(() => void this.scan?.enqueue(() => this.commitChunk()), 1_000));
    this.timers.push(setInterval(() => this.owner.send('copy:progress', this.progressNow()), this.options.progressMs ?? 1_000));
  }

  override async start(): Promise<void> {
    await super.start();
    if (this.summary?.outcome === 'completed') void this.stop('completed');
  }

  /**
   * After a crash mid-chunk: which of the chunk's records reached the target after the marks it
   * was sent with, on top of what an earlier resume found and had not yet read again. The journal
   * carries the lot into every manifest until the marks pass each, so a crash before then does
   * not send again what landed.
   */
  private async recover(ledger: TargetLedger, journal: CopyJournal): Promise<void> {
    const { carried, inFlight } = this.manifest;
    const keep = (entry: CarriedEntry) => this.recovery.set(keyOf(entry.shardId, entry.sequenceNumber, entry.subSequenceNumber), entry);
    carried.forEach(keep);
    if (inFlight) {
      const found = await ledger.landed(
        inFlight.entries.map((entry) => entry.digest),
        inFlight.sentAt,
        inFlight.targetMarks,
      );
      // Listed later than any carried verdict on the same record, so it is the one that holds.
      inFlight.entries.forEach((entry, index) => keep({ ...entry, written: found.has(index) }));
    }
    journal.carry([...this.recovery.values()]);
  }

  private async take(record: DecodedRecord): Promise<'more'> {
    // Stopping: the rest of a page read is left for the resume to read again (its mark is not
    // passed), rather than written at the copy's rate before the stop can end.
    if (this.isStopped) return 'more';
    const id = keyOf(record.shardId, record.sequenceNumber, record.subSequenceNumber);
    const recovered = this.recovery.get(id);
    this.recovery.delete(id);
    const mark = { sequenceNumber: record.sequenceNumber, subSequenceNumber: record.subSequenceNumber, state: 'reading' as const };
    const place = this.ranges?.place(record.shardId, record.sequenceNumber) ?? 'inside';
    if (place === 'past') {
      this.scan!.stopShard(record.shardId);
      return 'more';
    }
    if (place === 'between') {
      this.journal!.passOver(record.shardId, mark);
      return 'more';
    }
    // The rest of the last record's page (an aggregate's other user records) still comes through.
    if (this.ranges?.endsAt(record.shardId, record.sequenceNumber)) this.scan!.stopShard(record.shardId);
    if (recovered?.written) {
      await this.journal!.pass(record.shardId, mark);
      return 'more';
    }
    const mapped = this.mapping ? await mappedRecord(record, this.mapping) : { record, data: record.stored };
    if ('problem' in mapped) {
      // Its chunk is not written: a resume after the map is fixed starts from the marks before it.
      void this.stop('error', mapped.problem);
      return 'more';
    }
    const partitionKey = recovered?.partitionKey ?? keyFor(mapped.record, this.manifest.spec.keys);
    const data = mapped.data;
    const full = await this.journal!.pass(record.shardId, mark, {
      entry: { data, partitionKey },
      inFlight: { ...mark, shardId: record.shardId, partitionKey, digest: digestOf(partitionKey, data) },
    });
    if (full) await this.commitChunk();
    return 'more';
  }

  /** Lists the chunk in the manifest, writes it whole, then moves the marks past it. */
  private async commitChunk(): Promise<void> {
    await this.journal!.commit(async (entries) => {
      for (const entry of entries) await this.writer!.add(entry);
      await this.writer!.flush();
    });
  }

  private async complete(): Promise<void> {
    if (this.isStopped) return;
    await this.commitChunk();
    await this.journal!.finish('completed', null);
    this.summary = this.summarize('completed', null);
    void this.stop('completed');
  }

  progressNow(): CopyProgress {
    const counts = { totals: this.totals, retried: this.writer?.counts.retried ?? 0, writtenBefore: this.writtenBefore };
    return copyProgress(this.id, { ...counts, startedAt: this.startedAt, folder: this.options.folder }, this.scan, this.options.spec.until);
  }

  /** Counts in memory, ahead of the manifest while a chunk is gathered. */
  private get totals(): CopyManifest['totals'] {
    return this.journal?.totals ?? this.manifest?.totals ?? { read: 0, written: 0, alreadyWritten: 0 };
  }

  private summarize(outcome: CopySummary['outcome'], reason: string | null): CopySummary {
    const retried = this.writer?.counts.retried ?? 0;
    return copySummary(
      { manifest: this.manifest, totals: this.totals, retried, startedAt: this.startedAt, folder: this.options.folder },
      outcome,
      reason,
    );
  }

  protected override result(): SessionResult | undefined {
    return this.summary ? { kind: 'copy', summary: this.summary } : undefined;
  }

  protected async end(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.scan?.stop();
    if (this.manifest && !this.summary) {
      const { stoppedBy, reason } = this.status();
      let failed = stoppedBy === 'error';
      // Stopped by the user: what was read is written before the marks are saved.
      if (!failed && this.journal) await this.commitChunk().catch(() => (failed = true));
      this.writer?.abort();
      const failure = failed && reason === null ? toApiError(this.journal?.failed ?? this.writer?.failed) : null;
      const summaryReason = failed ? (reason ?? failure!.message) : null;
      const remedy = failed ? (this.stopRemedy ?? failure?.remedy) : undefined;
      // On a full disk even this may fail: copy.json then stays as last saved, which a resume accepts.
      const status = failed ? 'failed' : 'stopped';
      await (
        this.journal
          ? this.journal.finish(status, summaryReason)
          : saveCopy(this.options.folder, { ...this.manifest, status, reason: summaryReason }, this.options.fileOps)
      ).catch(() => {});
      this.summary = { ...this.summarize(failed ? 'failed' : 'stopped', summaryReason), ...(remedy ? { remedy } : {}) };
    }
    if (this.manifest) this.owner.send('copy:progress', this.progressNow());
    await this.unlock?.().catch(() => {});
    this.unlock = null;
    this.options.source.client.destroy();
    this.options.target.client.destroy();
  }
}

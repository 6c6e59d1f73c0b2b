import path from 'node:path';
import { redactSecrets } from '../../security/redact';
import type { RecordJson } from '../engine/decode/record-json';
import type { OutputFile, OutputFormat } from './formats/output-file';
import type { TypedRecord } from './typed/run-schemas';
import { JobJournal } from '../engine/jobs/job-journal';
import { commitPending, type RunManifest } from './manifest';
import type { RunTarget } from './run-target';
import { recordKind, type RecordKind } from '../engine/decode/record-kind';

/** Where a record stands in its shard: what a mark moves to. */
type RecordPlace = { shardId: string; sequenceNumber: string; subSequenceNumber?: number | null };

/**
 * Files open at once in one unit: past it the unit is committed and new files begun, so a
 * partition field of many values keeps memory flat (at the cost of more, smaller files).
 */
export const MAX_OPEN_PARTITIONS = 32;

interface OpenPart {
  file: OutputFile;
  number: number;
  /** The partition's folders, '' when the run is not partitioned. */
  partition: string;
}

/**
 * The data files of one run and the manifest that vouches for them, on the commit protocol of
 * every resumable job (JobJournal), over a RunTarget that says where the output lives. Records go
 * into the current unit: one spooled part per partition (one part when the run is not
 * partitioned); each shard's mark advances in memory as its records are added. A unit is
 * committed in two steps, so that a kill at any moment leaves the output recoverable: its parts
 * are fsynced and the manifest lists them as pending with the marks they complete; then they are
 * published, and the manifest makes those marks the run's. After a failed commit the records
 * since the last complete unit are read again on resume.
 */
export class RunFiles extends JobJournal<RunManifest['totals'], RunManifest> {
  private readonly open = new Map<string, OpenPart>();
  private rejectLines: string[] = [];
  /** Only ever grows, and a record read again is the same record: saving it early is harmless. */
  private readonly kinds: Set<RecordKind>;

  constructor(
    private readonly target: RunTarget,
    private readonly format: OutputFormat,
    manifest: RunManifest,
  ) {
    super(manifest);
    this.kinds = new Set(manifest.recordKinds ?? []);
  }

  get state(): RunManifest {
    return this.saved;
  }

  private get openRecords(): number {
    let records = 0;
    for (const part of this.open.values()) records += part.file.records;
    return records;
  }

  /** Records, bytes, files and rejects so far, committed or not. */
  get counts() {
    let bytes = 0;
    for (const part of this.open.values()) bytes += part.file.bytes;
    return {
      records: this.totals.records + this.openRecords,
      bytes: this.totals.bytes + bytes,
      files: this.saved.files.length,
      rejects: this.totals.rejects,
      seen: this.totals.seen,
    };
  }

  /**
   * Adds a record (with its columns when its schema types them) to its partition's part, committing
   * the unit first if the record cannot join that part or would open one part too many.
   */
  async add(record: RecordJson, maxFileBytes: number, typed?: TypedRecord, partition = ''): Promise<void> {
    await this.guarded(async () => {
      let part = this.open.get(partition);
      if ((part && !part.file.fits(record, typed)) || (!part && this.open.size >= MAX_OPEN_PARTITIONS)) {
        await this.commitSteps();
        part = undefined;
      }
      part ??= await this.openPart(partition);
      await part.file.write(record, typed);
      this.totals.seen++;
      this.advance(record);
      this.kinds.add(recordKind(record));
      if (part.file.bytes >= maxFileBytes) await this.commitSteps();
    }, this.dropUnsaved);
  }

  /** A record the format cannot take: it goes to the rejects with the reason, and its place counts as passed. */
  reject(record: RecordJson, reason: string): void {
    this.throwIfFailed();
    this.rejectLines.push(`${JSON.stringify({ reason: redactSecrets(reason), record })}\n`);
    this.totals.rejects++;
    this.totals.seen++;
    this.advance(record);
    this.kinds.add(recordKind(record));
  }

  /** A record the run does not want (between two of its ranges): its mark moves, nothing is counted. */
  passOver(record: RecordPlace): void {
    this.throwIfFailed();
    this.advance(record);
  }

  private advance(record: RecordPlace): void {
    const previous = this.marks[record.shardId];
    this.marks[record.shardId] = {
      sequenceNumber: record.sequenceNumber,
      subSequenceNumber: record.subSequenceNumber ?? null,
      state: previous?.state === 'done' ? 'done' : 'reading',
    };
  }

  /**
   * Part numbers follow on from the manifest's nextPart, one per part of the unit, so they stay
   * unique across the run: a part is opened just before its first record is written, so every
   * part of a committed unit holds records and the unit's numbers have no gap.
   */
  private async openPart(partition: string): Promise<OpenPart> {
    const number = this.saved.nextPart + this.open.size;
    const file = await this.format.open(this.target.spoolPath(number, this.format.extension), this.target.fileOps);
    const part = { file, number, partition };
    this.open.set(partition, part);
    return part;
  }

  private nameOf(part: OpenPart): string {
    const name = `part-${String(part.number).padStart(5, '0')}.${this.format.extension}`;
    return part.partition ? `${part.partition}/${name}` : name;
  }

  /** Makes everything added so far complete: the unit's parts (those with records), the rejects and every mark. */
  async commit(): Promise<void> {
    await this.guarded(() => this.commitSteps(), this.dropUnsaved);
  }

  /** After a failed step the rejects not yet written and the parts being written are let go. */
  private readonly dropUnsaved = async () => {
    this.rejectLines = [];
    await this.abandon().catch(() => {});
  };

  private async commitSteps(): Promise<void> {
    let rejectFiles = this.saved.rejectFiles;
    if (this.rejectLines.length) {
      const text = this.rejectLines.join('');
      this.rejectLines = [];
      const piece = await this.target.writeRejects(text, rejectFiles?.length ?? 0);
      if (piece) rejectFiles = [...(rejectFiles ?? []), piece];
      this.totals.rejectsBytes += Buffer.byteLength(text);
    }
    const parts = [...this.open.values()];
    this.open.clear();
    const written = parts.filter((part) => part.file.records > 0);
    for (const part of parts) if (part.file.records === 0) await part.file.abandon();
    const withRejects = rejectFiles ? { rejectFiles } : {};
    if (written.length === 0) {
      await this.save({ ...this.saved, ...withRejects, shards: structuredClone(this.marks), totals: { ...this.totals } });
      return;
    }
    const pendingFiles: NonNullable<RunManifest['pending']>['files'] = [];
    for (const [index, part] of written.entries()) {
      let bytes: number;
      try {
        bytes = await part.file.close();
      } catch (error) {
        // The part that failed is let go, and the parts not yet closed with it.
        for (const rest of written.slice(index)) await rest.file.abandon().catch(() => {});
        throw error;
      }
      const temp = path.basename(this.target.spoolPath(part.number, this.format.extension));
      pendingFiles.push({ temp, name: this.nameOf(part), records: part.file.records, bytes });
    }
    for (const file of pendingFiles) {
      this.totals.records += file.records;
      this.totals.bytes += file.bytes;
    }
    const pending = { files: pendingFiles, shards: structuredClone(this.marks), totals: { ...this.totals }, ...withRejects };
    await this.commitUnit({ ...this.saved, pending }, () => this.target.publish(pendingFiles), commitPending);
  }

  protected async persist(manifest: RunManifest): Promise<RunManifest> {
    // A run.json from before kinds were kept stays without them: its earlier records' are unknown.
    const kept = manifest.recordKinds ? { ...manifest, recordKinds: [...this.kinds].sort() } : manifest;
    await this.target.saveManifest(kept);
    return kept;
  }

  /** The run failed: the parts being written are dropped; the manifest still describes what is complete. */
  async abandon(): Promise<void> {
    const parts = [...this.open.values()];
    this.open.clear();
    for (const part of parts) await part.file.abandon();
  }

  get hasOpenFile(): boolean {
    return this.open.size > 0;
  }
}

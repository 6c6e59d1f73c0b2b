import path from 'node:path';
import { redactSecrets } from '../../security/redact';
import type { RecordJson } from '../engine/decode/record-json';
import { nodeFileOps, type FileOps } from '../engine/files/file-ops';
import type { OutputFile, OutputFormat } from './formats/output-file';
import type { TypedRecord } from './typed/run-schemas';
import { JobJournal } from '../engine/jobs/job-journal';
import { commitPending, REJECTS, saveManifest, TEMP_PREFIX, type RunManifest } from './manifest';

/**
 * The data files of one run and the manifest that vouches for them, on the commit protocol of
 * every resumable job (JobJournal). Records go into the current file under a temporary name; each
 * shard's mark advances in memory as its records are added. A file is committed in two steps, so
 * that a kill at any moment leaves the folder recoverable: the file is fsynced and the manifest
 * lists it as pending with the marks it completes; then it is renamed, and the manifest makes
 * those marks the run's. After a failed commit the records since the last complete file are
 * read again on resume.
 */
export class RunFiles extends JobJournal<RunManifest['totals'], RunManifest> {
  private current: OutputFile | null = null;
  private currentName = '';
  private rejectLines: string[] = [];

  constructor(
    private readonly folder: string,
    private readonly format: OutputFormat,
    manifest: RunManifest,
    private readonly ops: FileOps = nodeFileOps,
  ) {
    super(manifest);
  }

  get state(): RunManifest {
    return this.saved;
  }

  /** Records, bytes, files and rejects so far, committed or not. */
  get counts() {
    return {
      records: this.totals.records + (this.current?.records ?? 0),
      bytes: this.totals.bytes + (this.current?.bytes ?? 0),
      files: this.saved.files.length,
      rejects: this.totals.rejects,
      seen: this.totals.seen,
    };
  }

  /** Adds a record (with its columns when its schema types them) to the current file, closing the file first if the record cannot join it. */
  async add(record: RecordJson, maxFileBytes: number, typed?: TypedRecord): Promise<void> {
    await this.guarded(async () => {
      if (this.current && !this.current.fits(record, typed)) await this.commitSteps();
      this.current ??= await this.openNext();
      await this.current.write(record, typed);
      this.totals.seen++;
      this.advance(record);
      if (this.current.bytes >= maxFileBytes) await this.commitSteps();
    }, this.dropUnsaved);
  }

  /** A record the format cannot take: it goes to rejects.jsonl with the reason, and its place counts as passed. */
  reject(record: RecordJson, reason: string): void {
    this.throwIfFailed();
    this.rejectLines.push(`${JSON.stringify({ reason: redactSecrets(reason), record })}\n`);
    this.totals.rejects++;
    this.totals.seen++;
    this.advance(record);
  }

  private advance(record: RecordJson): void {
    const previous = this.marks[record.shardId];
    this.marks[record.shardId] = {
      sequenceNumber: record.sequenceNumber,
      subSequenceNumber: record.subSequenceNumber ?? null,
      state: previous?.state === 'done' ? 'done' : 'reading',
    };
  }

  private async openNext(): Promise<OutputFile> {
    this.currentName = `part-${String(this.saved.nextPart).padStart(5, '0')}.${this.format.extension}`;
    return this.format.open(this.tempPath(), this.ops);
  }

  private tempPath(): string {
    return path.join(this.folder, `${TEMP_PREFIX}${this.currentName.slice('part-'.length)}`);
  }

  /** Makes everything added so far complete: the current file (if it has records), the rejects and every mark. */
  async commit(): Promise<void> {
    await this.guarded(() => this.commitSteps(), this.dropUnsaved);
  }

  /** After a failed step the rejects not yet appended and the file being written are let go. */
  private readonly dropUnsaved = async () => {
    this.rejectLines = [];
    await this.abandon().catch(() => {});
  };

  private async commitSteps(): Promise<void> {
    const file = this.current;
    if (this.rejectLines.length) {
      const text = this.rejectLines.join('');
      this.rejectLines = [];
      await this.ops.appendSynced(path.join(this.folder, REJECTS), text);
      this.totals.rejectsBytes += Buffer.byteLength(text);
    }
    if (!file || file.records === 0) {
      this.current = null;
      await file?.abandon();
      await this.save({ ...this.saved, shards: structuredClone(this.marks), totals: { ...this.totals } });
      return;
    }
    const bytes = await file.close();
    this.current = null;
    const temp = this.tempPath();
    this.totals.records += file.records;
    this.totals.bytes += bytes;
    const pending = {
      temp: path.basename(temp),
      name: this.currentName,
      records: file.records,
      bytes,
      shards: structuredClone(this.marks),
      totals: { ...this.totals },
    };
    const name = this.currentName;
    await this.commitUnit(
      { ...this.saved, pending },
      async () => {
        await this.ops.rename(temp, path.join(this.folder, name));
        await this.ops.syncFolder(this.folder);
      },
      commitPending,
    );
  }

  protected async persist(manifest: RunManifest): Promise<RunManifest> {
    await saveManifest(this.folder, manifest, this.ops);
    return manifest;
  }

  /** The run failed: the file being written is dropped; the manifest still describes what is complete. */
  async abandon(): Promise<void> {
    const file = this.current;
    this.current = null;
    await file?.abandon();
  }

  get hasOpenFile(): boolean {
    return this.current !== null;
  }
}

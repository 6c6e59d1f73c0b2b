import path from 'node:path';
import { redactSecrets } from '../../security/redact';
import type { RecordJson } from '../engine/decode/record-json';
import { nodeFileOps, type FileOps } from '../engine/files/file-ops';
import type { OutputFile, OutputFormat } from './formats/output-file';
import type { ShardMark } from '../engine/jobs/job-manifest';
import { commitPending, REJECTS, saveManifest, TEMP_PREFIX, type RunManifest } from './manifest';

/**
 * The data files of one run and the manifest that vouches for them. Records go into the current
 * file under a temporary name; each shard's mark advances in memory as its records are added. A
 * file is committed in two steps, so that a kill at any moment leaves the folder recoverable:
 * the file is fsynced and the manifest records it as pending with the marks it completes; then
 * it is renamed, and the manifest makes those marks the run's.
 *
 * `manifest` is only ever what the folder's run.json holds: it changes once a save has succeeded.
 * A commit that fails at any step leaves the marks in memory ahead of the complete files, so
 * they are put back to the manifest's and nothing more is written or saved but the run's status:
 * the records since the last complete file are read again on resume.
 */
export class RunFiles {
  private current: OutputFile | null = null;
  private currentName = '';
  private marks: Record<string, ShardMark>;
  private totals: RunManifest['totals'];
  private rejectLines: string[] = [];
  private failure: unknown = null;

  constructor(
    private readonly folder: string,
    private readonly format: OutputFormat,
    private manifest: RunManifest,
    private readonly ops: FileOps = nodeFileOps,
  ) {
    this.marks = structuredClone(manifest.shards);
    this.totals = { ...manifest.totals };
  }

  get state(): RunManifest {
    return this.manifest;
  }

  /** Records, bytes, files and rejects so far, committed or not. */
  get counts() {
    return {
      records: this.totals.records + (this.current?.records ?? 0),
      bytes: this.totals.bytes + (this.current?.bytes ?? 0),
      files: this.manifest.files.length,
      rejects: this.totals.rejects,
      seen: this.totals.seen,
    };
  }

  mark(shardId: string): ShardMark | undefined {
    return this.marks[shardId];
  }

  /** Adds a record to the current file, closing the file first if the record cannot join it. */
  async add(record: RecordJson, maxFileBytes: number): Promise<void> {
    this.throwIfFailed();
    try {
      if (this.current && !this.current.fits(record)) await this.commitSteps();
      this.current ??= await this.openNext();
      await this.current.write(record);
      this.totals.seen++;
      this.advance(record);
      if (this.current.bytes >= maxFileBytes) await this.commitSteps();
    } catch (error) {
      throw await this.failed(error);
    }
  }

  /** A record the format cannot take: it goes to rejects.jsonl with the reason, and its place counts as passed. */
  reject(record: RecordJson, reason: string): void {
    this.throwIfFailed();
    this.rejectLines.push(`${JSON.stringify({ reason: redactSecrets(reason), record })}\n`);
    this.totals.rejects++;
    this.totals.seen++;
    this.advance(record);
  }

  /** A shard's state changes (read to its end, or the range ended on it) with the records already added. */
  setShardState(shardId: string, state: ShardMark['state']): void {
    this.marks[shardId] = { ...(this.marks[shardId] ?? { sequenceNumber: null, subSequenceNumber: null }), state };
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
    this.currentName = `part-${String(this.manifest.nextPart).padStart(5, '0')}.${this.format.extension}`;
    return this.format.open(this.tempPath(), this.ops);
  }

  private tempPath(): string {
    return path.join(this.folder, `${TEMP_PREFIX}${this.currentName.slice('part-'.length)}`);
  }

  /** Makes everything added so far complete: the current file (if it has records), the rejects and every mark. */
  async commit(): Promise<void> {
    this.throwIfFailed();
    try {
      await this.commitSteps();
    } catch (error) {
      throw await this.failed(error);
    }
  }

  /** Nothing is written after a failed step: the marks in memory go back to those of the complete files. */
  private async failed(error: unknown): Promise<unknown> {
    this.failure = error;
    this.rejectLines = [];
    this.marks = structuredClone(this.manifest.shards);
    this.totals = { ...this.manifest.totals };
    await this.abandon().catch(() => {});
    return error;
  }

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
      await this.save({ ...this.manifest, shards: structuredClone(this.marks), totals: { ...this.totals } });
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
    await this.save({ ...this.manifest, pending });
    await this.ops.rename(temp, path.join(this.folder, this.currentName));
    await this.ops.syncFolder(this.folder);
    await this.save(commitPending(this.manifest));
  }

  private async save(manifest: RunManifest): Promise<void> {
    await saveManifest(this.folder, manifest, this.ops);
    this.manifest = manifest;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** The run failed: the file being written is dropped; the manifest still describes what is complete. */
  async abandon(): Promise<void> {
    const file = this.current;
    this.current = null;
    await file?.abandon();
  }

  /** The run's outcome, saved with what is complete (after a failed commit, a pending file is settled on resume). */
  async finish(status: RunManifest['status'], reason: string | null): Promise<void> {
    await this.save({ ...this.manifest, status, reason });
  }

  get hasOpenFile(): boolean {
    return this.current !== null;
  }
}

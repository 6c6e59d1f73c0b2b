import { appendFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { redactSecrets } from '../../security/redact';
import type { RecordJson } from '../decode/record-json';
import type { OutputFile, OutputFormat } from './formats/output-file';
import { commitPending, REJECTS, saveManifest, syncFolder, TEMP_PREFIX, type RunManifest, type ShardMark } from './manifest';

/**
 * The data files of one run and the manifest that vouches for them. Records go into the current
 * file under a temporary name; each shard's mark advances in memory as its records are added. A
 * file is committed in two steps, so that a kill at any moment leaves the folder recoverable:
 * the file is fsynced and the manifest records it as pending with the marks it completes; then
 * it is renamed, and the manifest makes those marks the run's.
 */
export class RunFiles {
  private current: OutputFile | null = null;
  private currentName = '';
  private marks: Record<string, ShardMark>;
  private totals: RunManifest['totals'];
  private rejectLines: string[] = [];

  constructor(
    private readonly folder: string,
    private readonly format: OutputFormat,
    private manifest: RunManifest,
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
    if (this.current && !this.current.fits(record)) await this.commit();
    this.current ??= await this.openNext();
    await this.current.write(record);
    this.totals.seen++;
    this.advance(record);
    if (this.current.bytes >= maxFileBytes) await this.commit();
  }

  /** A record the format cannot take: it goes to rejects.jsonl with the reason, and its place counts as passed. */
  reject(record: RecordJson, reason: string): void {
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
    return this.format.open(path.join(this.folder, `${TEMP_PREFIX}${this.currentName.slice('part-'.length)}`));
  }

  private tempPath(): string {
    return path.join(this.folder, `${TEMP_PREFIX}${this.currentName.slice('part-'.length)}`);
  }

  /** Makes everything added so far complete: the current file (if it has records), the rejects and every mark. */
  async commit(): Promise<void> {
    const file = this.current;
    this.current = null;
    if (this.rejectLines.length) {
      const text = this.rejectLines.join('');
      this.rejectLines = [];
      await appendFile(path.join(this.folder, REJECTS), text);
      this.totals.rejectsBytes += Buffer.byteLength(text);
    }
    if (!file || file.records === 0) {
      await file?.abandon();
      this.manifest = { ...this.manifest, shards: structuredClone(this.marks), totals: { ...this.totals } };
      await saveManifest(this.folder, this.manifest);
      return;
    }
    const bytes = await file.close();
    const temp = this.tempPath();
    this.totals.records += file.records;
    this.totals.bytes += bytes;
    this.manifest = {
      ...this.manifest,
      pending: {
        temp: path.basename(temp),
        name: this.currentName,
        records: file.records,
        bytes,
        shards: structuredClone(this.marks),
        totals: { ...this.totals },
      },
    };
    await saveManifest(this.folder, this.manifest);
    await rename(temp, path.join(this.folder, this.currentName));
    await syncFolder(this.folder);
    this.manifest = commitPending(this.manifest);
    await saveManifest(this.folder, this.manifest);
  }

  /** The run failed: the file being written is dropped; the manifest still describes what is complete. */
  async abandon(): Promise<void> {
    const file = this.current;
    this.current = null;
    await file?.abandon();
  }

  async finish(status: RunManifest['status'], reason: string | null): Promise<void> {
    this.manifest = { ...this.manifest, status, reason };
    await saveManifest(this.folder, this.manifest);
  }

  get hasOpenFile(): boolean {
    return this.current !== null;
  }
}

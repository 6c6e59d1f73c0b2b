import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { RunSpec } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { nodeFileOps, type FileOps } from '../engine/files/file-ops';
import type { ObjectStore, PutOptions } from '../engine/objects/object-store';
import { MANIFEST, manifestText, parseManifest, TEMP_PREFIX, type RunManifest } from './manifest';
import { settlePending, type RunTarget, type SpooledPart } from './run-target';
import type { RunSpool } from './run-spool';
import { s3WriteFailure, unitToken } from './s3-run-objects';

/** Uploads of one unit at once; each sends up to four 8 MiB parts at a time, so memory stays flat. */
export const UPLOADS_IN_FLIGHT = 2;
/** Rejects pieces live in a folder of their own, one object per unit that had any. */
const REJECTS_FOLDER = 'rejects/';
/** The metadata that says which run, and which of its units, wrote a part. */
const RUN_META = 'shardscope-run';
const UNIT_META = 'shardscope-unit';

/** What the claim is: the manifest this run last read or wrote, and its ETag; shared with the target's writing twin. */
interface Claim {
  etag: string | null;
  manifest: RunManifest | null;
}

/** A key from run.json, which may be crafted: plain segments only, as in a folder. */
function plainKey(name: string): boolean {
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * A run's output under an S3 prefix. Parts are spooled to a local folder and published with a
 * conditional upload (If-None-Match), so no part is ever written over; run.json is the claim:
 * made with If-None-Match and replaced with If-Match on the ETag this run last saw, so of two
 * runs on one prefix only one can commit, and the other stops on its next save.
 */
export class S3Target implements RunTarget {
  readonly location: string;

  constructor(
    private readonly store: ObjectStore,
    private readonly spool: RunSpool,
    /** The encryption and storage class asked for now; a resumed run keeps its run.json's. */
    private readonly asked: Pick<RunSpec, 'sse' | 'kmsKeyId' | 'storageClass'>,
    readonly fileOps: FileOps = nodeFileOps,
    /** Lets go of the S3 client's sockets once the run has ended. */
    private readonly onClose: () => void = () => {},
    private readonly claimed: Claim = { etag: null, manifest: null },
  ) {
    this.location = store.urlOf('');
  }

  /** The same prefix and claim, its spool written with other file operations (tests fail one of them). */
  writingWith(fileOps: FileOps): RunTarget {
    return new S3Target(this.store, this.spool, this.asked, fileOps, () => {}, this.claimed);
  }

  /** Where a full disk or a refused write of a spooled part happens. */
  get writePlace(): string {
    return `${this.spool.folder} (where parts for ${this.location} wait to be uploaded)`;
  }

  /** Nothing is made on S3 before run.json: a bucket is never created, and a prefix needs no making. */
  async prepare(): Promise<boolean> {
    return false;
  }

  /** The manifest's ETag is the claim, checked by each save; here only the spool is made. */
  async claim(): Promise<void> {
    await this.spool.create();
  }

  async release(): Promise<void> {
    await this.spool.remove();
  }

  private get options(): Pick<PutOptions, 'sse' | 'kmsKeyId'> {
    const spec = this.claimed.manifest?.spec ?? this.asked;
    return { ...(spec.sse ? { sse: spec.sse } : {}), ...(spec.kmsKeyId ? { kmsKeyId: spec.kmsKeyId } : {}) };
  }

  async loadManifest(): Promise<RunManifest | null> {
    const found = await this.store.read(MANIFEST).catch((error: unknown) => {
      throw s3WriteFailure(error, this.location);
    });
    if (!found) {
      Object.assign(this.claimed, { etag: null, manifest: null });
      return null;
    }
    const manifest = parseManifest(found.text, this.store.urlOf(MANIFEST));
    Object.assign(this.claimed, { etag: found.etag, manifest });
    return manifest;
  }

  async saveManifest(manifest: RunManifest): Promise<void> {
    const creating = this.claimed.etag === null;
    try {
      this.claimed.etag = await this.store.replace(MANIFEST, manifestText(manifest), this.claimed.etag, this.options);
      this.claimed.manifest = manifest;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'conflict')) throw s3WriteFailure(error, this.location);
      if (creating)
        throw new AppError('conflict', `${this.location} already holds a run: another run made its run.json first.`, 'resume-or-elsewhere');
      throw new AppError(
        'conflict',
        `Another run took over ${this.location}: its run.json changed since this run last wrote it, so this run stopped. What it committed stays.`,
      );
    }
  }

  async dropManifest(): Promise<void> {
    await this.store.remove(MANIFEST);
    Object.assign(this.claimed, { etag: null, manifest: null });
  }

  async foreignOutput(): Promise<string | null> {
    const objects = await this.store.list('');
    // A partitioned run's output starts with its `name=value` folders.
    const found = objects.find(({ key }) => key.startsWith('part-') || key.startsWith(REJECTS_FOLDER) || /^[^./][^=/]*=/.test(key));
    return found?.key ?? null;
  }

  spoolPath(number: number, extension: string): string {
    return path.join(this.spool.folder, `${TEMP_PREFIX}${String(number).padStart(5, '0')}.${extension}`);
  }

  /** Each part uploaded whole under its final key, a few at a time; its spool file goes once it is there. */
  async publish(parts: SpooledPart[]): Promise<void> {
    const manifest = this.claimed.manifest;
    if (!manifest?.pending) throw new AppError('internal', 'A unit was published before run.json listed it.');
    const metadata = { [RUN_META]: manifest.id, [UNIT_META]: unitToken(manifest.pending) };
    const spec = manifest.spec;
    const options: PutOptions = { ...this.options, metadata, ...(spec.storageClass ? { storageClass: spec.storageClass } : {}) };
    const queue = [...parts];
    const uploaders = Array.from({ length: Math.min(UPLOADS_IN_FLIGHT, parts.length) }, async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const file = path.join(this.spool.folder, part.temp);
        await this.store.putNew(part.name, { file }, options);
        await rm(file, { force: true });
      }
    });
    // Every upload is let finish or fail before the unit is said to have failed: none is left running behind it.
    const outcomes = await Promise.allSettled(uploaders);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw s3WriteFailure(failed.reason, this.location);
  }

  /** Whole under its key, and written by this unit of this run: another writer's object there is not ours to count. */
  async published(name: string): Promise<boolean> {
    const pending = this.claimed.manifest?.pending;
    if (!plainKey(name) || !pending) return false;
    const head = await this.store.head(name);
    return head !== null && head.metadata[RUN_META] === this.claimed.manifest!.id && head.metadata[UNIT_META] === unitToken(pending);
  }

  /** Only this run's own object is taken away: one another writer put there stays. */
  async removePublished(name: string): Promise<void> {
    if (!plainKey(name)) return;
    const head = await this.store.head(name);
    if (head && head.metadata[RUN_META] === this.claimed.manifest?.id) await this.store.remove(name);
  }

  async writeRejects(text: string, sequence: number): Promise<string> {
    const name = `${REJECTS_FOLDER}rejects-${String(sequence).padStart(5, '0')}.jsonl`;
    try {
      await this.store.putNew(name, text, { ...this.options, contentType: 'application/x-ndjson' });
    } catch (error) {
      throw s3WriteFailure(error, this.location);
    }
    return name;
  }

  /**
   * After a crash: the claim is taken first (run.json saved on the ETag just read), so a run that
   * lost the race touches nothing; then the pending unit is settled, every unfinished upload under
   * the prefix aborted, rejects pieces run.json does not vouch for removed, and dead spools cleared.
   */
  async recover(manifest: RunManifest): Promise<RunManifest> {
    await this.saveManifest(manifest);
    const recovered = await settlePending(this, manifest);
    for (const upload of await this.store.listUnfinishedUploads('')) await this.store.abortUpload(upload.key, upload.uploadId);
    const vouched = new Set(recovered.rejectFiles ?? []);
    for (const piece of await this.store.list(REJECTS_FOLDER)) if (!vouched.has(piece.key)) await this.store.remove(piece.key);
    await this.spool.clearStale();
    if (recovered !== manifest) await this.saveManifest(recovered);
    return recovered;
  }

  /** What run.json names, its unfinished uploads, then run.json itself, last. */
  async removeRun(manifest: RunManifest): Promise<void> {
    const names = [
      ...manifest.files.map((file) => file.name),
      ...(manifest.pending?.files.map((file) => file.name) ?? []),
      ...(manifest.rejectFiles ?? []),
      ...(manifest.pending?.rejectFiles ?? []),
    ];
    // Rejects pieces a crash left unlisted are this run's too: the rejects folder is its own.
    for (const piece of await this.store.list(REJECTS_FOLDER)) names.push(piece.key);
    for (const name of new Set(names.filter(plainKey))) await this.store.remove(name);
    for (const upload of await this.store.listUnfinishedUploads('')) await this.store.abortUpload(upload.key, upload.uploadId);
    await this.dropManifest();
  }

  /** A prefix is not a thing to remove; the spool goes with the claim. */
  async removeIfEmpty(): Promise<void> {}

  close(): void {
    this.onClose();
  }
}

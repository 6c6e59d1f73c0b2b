import type { FileOps } from '../../engine/files/file-ops';
import { takenBefore } from '../../engine/reader/range-scan';
import { writeFailure } from '../../engine/files/write-errors';
import { JobJournal } from '../../engine/jobs/job-journal';
import type { WriteEntry } from '../limits';
import { saveCopy } from './copy-folder';
import type { CarriedEntry, CopyManifest, CopyShardMark, InFlightEntry } from './copy-manifest';
import type { TargetLedger } from './target-ledger';

/** A chunk is written whole before the marks move: at most this many records… */
const CHUNK_RECORDS = 500;
/** …or this many seconds of writing at the copy's rate, so a stop waits for seconds, not minutes… */
const CHUNK_SECONDS = 2;
/** …or this many bytes, under PutRecords' 5 MiB a call. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A copy's manifest and the chunk being gathered for the target, on the commit protocol of every
 * resumable job (JobJournal): a chunk is listed in copy.json as in flight, written whole, and then
 * the marks move past it. A chunk that fails at any step is read again on resume, which looks in
 * the target first for what was listed as sent.
 */
export class CopyJournal extends JobJournal<CopyManifest['totals'], CopyManifest> {
  private chunk: { entry: WriteEntry; inFlight: InFlightEntry }[] = [];
  private chunkBytes = 0;
  private readonly chunkRecords: number;
  private marksMoved = false;
  private carried: CarriedEntry[];

  constructor(
    private readonly folder: string,
    saved: CopyManifest,
    private readonly ledger: TargetLedger,
    private readonly ops?: FileOps,
    /** The copy's records a second, which bounds a chunk to CHUNK_SECONDS of writing. */
    recordsPerSecond = Infinity,
  ) {
    super(saved);
    this.chunkRecords = Math.max(1, Math.min(CHUNK_RECORDS, Math.ceil(recordsPerSecond * CHUNK_SECONDS)));
    this.carried = saved.carried;
  }

  /** A resume's verdicts on the records once in flight: every manifest saved keeps those its marks have not passed. */
  carry(entries: CarriedEntry[]): void {
    this.carried = entries;
  }

  /** A source record passed: written in an earlier session (found in the target) or, with `entry`, added to the chunk. */
  async pass(shardId: string, mark: CopyShardMark, entry?: { entry: WriteEntry; inFlight: InFlightEntry }): Promise<boolean> {
    this.throwIfFailed();
    this.totals.read++;
    this.marks[shardId] = mark;
    this.marksMoved = true;
    if (!entry) {
      this.totals.alreadyWritten++;
      return false;
    }
    this.chunk.push(entry);
    this.chunkBytes += entry.entry.data.length + entry.entry.partitionKey.length;
    return this.chunk.length >= this.chunkRecords || this.chunkBytes >= CHUNK_BYTES;
  }

  /** A record the copy does not want (between two of its ranges): its mark moves, nothing is counted. */
  passOver(shardId: string, mark: CopyShardMark): void {
    this.throwIfFailed();
    this.marks[shardId] = mark;
    this.marksMoved = true;
  }

  shardState(shardId: string, state: CopyShardMark['state']): void {
    this.setShardState(shardId, state);
    this.marksMoved = true;
  }

  /** Lists the chunk in the manifest, sends it whole, then moves the marks past it. */
  async commit(send: (entries: readonly WriteEntry[]) => Promise<void>): Promise<void> {
    await this.guarded(
      () => this.commitSteps(send),
      () => {
        this.chunk = [];
        this.chunkBytes = 0;
      },
    );
  }

  private async commitSteps(send: (entries: readonly WriteEntry[]) => Promise<void>): Promise<void> {
    const chunk = this.chunk;
    const marks = structuredClone(this.marks);
    this.chunk = [];
    this.chunkBytes = 0;
    if (chunk.length === 0) {
      if (this.marksMoved) await this.save({ ...this.saved, shards: marks, totals: { ...this.totals } });
      this.marksMoved = false;
      return;
    }
    this.marksMoved = false;
    const inFlight = {
      sentAt: new Date().toISOString(),
      entries: chunk.map((c) => c.inFlight),
      shards: marks,
      targetMarks: this.ledger.marks,
    };
    await this.commitUnit(
      { ...this.saved, inFlight },
      async () => {
        await send(chunk.map((c) => c.entry));
        this.totals.written += chunk.length;
      },
      (listed) => ({ ...listed, shards: marks, inFlight: null, totals: { ...this.totals } }),
    );
  }

  /** The copy's outcome, saved with what is complete; after a failure, with what the last save vouched for. */
  override async finish(status: CopyManifest['status'], reason: string | null): Promise<void> {
    await super.finish(status, reason, status === 'failed' || this.failed ? this.saved.totals : { ...this.totals });
  }

  /** Saved with the target's marks as they stand, and the carried verdicts the marks have not passed. */
  protected async persist(manifest: CopyManifest): Promise<CopyManifest> {
    const carried = this.carried.filter(
      (entry) => !takenBefore(manifest.shards[entry.shardId], entry.sequenceNumber, entry.subSequenceNumber),
    );
    const next = { ...manifest, carried, targetMarks: this.ledger.marks };
    await saveCopy(this.folder, next, this.ops).catch((error: unknown) => {
      throw writeFailure(error, this.folder);
    });
    this.carried = carried;
    return next;
  }
}

import type { FileOps } from '../../engine/files/file-ops';
import { takenBefore } from '../../engine/reader/range-scan';
import { writeFailure } from '../../engine/files/write-errors';
import type { WriteEntry } from '../limits';
import { saveCopy } from './copy-folder';
import type { CarriedEntry, CopyManifest, CopyShardMark, InFlightEntry } from './copy-manifest';
import type { TargetLedger } from './target-ledger';

/** A chunk is written whole before the marks move: at most this many records… */
const CHUNK_RECORDS = 500;
/** …or this many bytes, under PutRecords' 5 MiB a call. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A copy's manifest and the chunk being gathered for the target. `saved` is only ever what the
 * folder's copy.json holds: the marks and totals in memory run ahead of it, and move into it
 * when a chunk is listed, written whole and saved. A chunk that fails at any step puts them back
 * to the saved ones and nothing more is sent or saved but the copy's outcome, so a resume reads
 * again what the failure lost (looking in the target first for what it listed as sent).
 */
export class CopyJournal {
  private chunk: { entry: WriteEntry; inFlight: InFlightEntry }[] = [];
  private chunkBytes = 0;
  private marksMoved = false;
  private marks: Record<string, CopyShardMark>;
  totals: CopyManifest['totals'];
  private failure: unknown = null;
  private carried: CarriedEntry[];

  constructor(
    private readonly folder: string,
    private saved: CopyManifest,
    private readonly ledger: TargetLedger,
    private readonly ops?: FileOps,
  ) {
    this.marks = structuredClone(saved.shards);
    this.totals = { ...saved.totals };
    this.carried = saved.carried;
  }

  /** A resume's verdicts on the records once in flight: every manifest saved keeps those its marks have not passed. */
  carry(entries: CarriedEntry[]): void {
    this.carried = entries;
  }

  get manifest(): CopyManifest {
    return this.saved;
  }

  get failed(): unknown {
    return this.failure;
  }

  /** A source record passed: written in an earlier session (found in the target) or, with `entry`, added to the chunk. */
  async pass(shardId: string, mark: CopyShardMark, entry?: { entry: WriteEntry; inFlight: InFlightEntry }): Promise<boolean> {
    if (this.failure) throw this.failure;
    this.totals.read++;
    this.marks[shardId] = mark;
    this.marksMoved = true;
    if (!entry) {
      this.totals.alreadyWritten++;
      return false;
    }
    this.chunk.push(entry);
    this.chunkBytes += entry.entry.data.length + entry.entry.partitionKey.length;
    return this.chunk.length >= CHUNK_RECORDS || this.chunkBytes >= CHUNK_BYTES;
  }

  shardState(shardId: string, state: CopyShardMark['state']): void {
    this.marks[shardId] = { ...(this.marks[shardId] ?? { sequenceNumber: null, subSequenceNumber: null }), state };
    this.marksMoved = true;
  }

  /** Lists the chunk in the manifest, sends it whole, then moves the marks past it. */
  async commit(send: (entries: readonly WriteEntry[]) => Promise<void>): Promise<void> {
    if (this.failure) throw this.failure;
    try {
      await this.commitSteps(send);
    } catch (error) {
      this.failure = error;
      this.chunk = [];
      this.chunkBytes = 0;
      this.marks = structuredClone(this.saved.shards);
      this.totals = { ...this.saved.totals };
      throw error;
    }
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
    await this.save({ ...this.saved, inFlight });
    await send(chunk.map((c) => c.entry));
    this.totals.written += chunk.length;
    await this.save({ ...this.saved, shards: marks, inFlight: null, totals: { ...this.totals } });
  }

  /** The copy's outcome, saved with what is complete; after a failure, with what the last save vouched for. */
  async finish(status: CopyManifest['status'], reason: string | null): Promise<void> {
    const totals = status === 'failed' || this.failure ? this.saved.totals : { ...this.totals };
    await this.save({ ...this.saved, totals, status, reason });
  }

  /** Saved with the target's marks as they stand; `saved` changes only once the file is on disk. */
  async save(manifest: CopyManifest): Promise<void> {
    const carried = this.carried.filter(
      (entry) => !takenBefore(manifest.shards[entry.shardId], entry.sequenceNumber, entry.subSequenceNumber),
    );
    const next = { ...manifest, carried, targetMarks: this.ledger.marks };
    await saveCopy(this.folder, next, this.ops).catch((error: unknown) => {
      throw writeFailure(error, this.folder);
    });
    this.saved = next;
    this.carried = carried;
  }
}

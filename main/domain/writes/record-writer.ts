import { PutRecordsCommand, type KinesisClient, type PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import { classifyAwsError } from '../../aws/errors';
import { AppError } from '../../core/app-error';
import { backoff, RatePacer, sleep, type Rate } from '../engine/reader/timing';
import { entryBytes, MAX_BYTES_PER_CALL, MAX_RECORDS_PER_CALL, type WriteEntry } from './limits';
import { explainMissingStream } from '../engine/kinesis/missing-stream';

export interface WrittenEntry {
  shardId: string;
  sequenceNumber: string;
}

export interface WriteCounts {
  /** Records Kinesis accepted. */
  written: number;
  /** Records sent again after Kinesis refused them in a call (throttled, an internal failure). */
  retried: number;
  /** PutRecords calls made, and how many of them failed as a whole. */
  calls: number;
  failedCalls: number;
  bytes: number;
}

export interface RecordWriterOptions<T> {
  client: KinesisClient;
  stream: string;
  rate?: Rate;
  /**
   * PutRecords calls in flight at once. One by default: then the records of a key arrive in the
   * order they were added, except those Kinesis refused and that were sent again.
   */
  concurrency?: number;
  /** Each record accepted by Kinesis, with the tag it was added with. */
  onWritten?(tag: T, written: WrittenEntry): void;
  /** How often one record may be refused before the writer gives up. */
  maxAttempts?: number;
  /**
   * After a whole call failed on the way (a timeout, a reset, a 5xx), which of its records
   * Kinesis kept anyway, so that only the others are sent again (a copy's once-only promise).
   * Without it such a call is sent again whole: PutRecords is at-least-once.
   */
  findLanded?(sent: { entry: WriteEntry; tag: T }[], sentAt: Date): Promise<Map<number, WrittenEntry>>;
  /** At most this many records a call (a low rate sends small calls instead of bursts). */
  maxBatchRecords?: number;
}

interface Pending<T> {
  entry: WriteEntry;
  tag: T;
  bytes: number;
  attempts: number;
}

/** Refusals of single records that pass with time; any other refusal of a record is final. */
const RETRYABLE_ENTRY_ERRORS = new Set(['ProvisionedThroughputExceededException', 'InternalFailure', 'KMSThrottlingException']);

/**
 * Writes records with PutRecords in calls as full as Kinesis allows (500 records, 5 MiB). When
 * Kinesis refuses some records of a call, exactly those are sent again after a back-off, never
 * the ones it accepted. A whole call that fails on the way (a reset, a 500, throttling) is sent
 * again as it was: whether Kinesis kept it cannot be known, which is why PutRecords is
 * at-least-once. A refusal that time will not cure (access, a missing stream, read-only) stops
 * the writer with AWS's reason.
 */
export class RecordWriter<T = void> {
  readonly counts: WriteCounts = { written: 0, retried: 0, calls: 0, failedCalls: 0, bytes: 0 };
  private batch: Pending<T>[] = [];
  private batchBytes = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly pacer: RatePacer;
  private readonly stopping = new AbortController();
  private failure: Error | null = null;

  constructor(private readonly options: RecordWriterOptions<T>) {
    this.pacer = new RatePacer(options.rate ?? {});
  }

  /** Queues a record (checked by the caller with entryProblem); waits while the calls in flight are at the limit. */
  async add(entry: WriteEntry, tag: T): Promise<void> {
    this.throwIfFailed();
    const bytes = entryBytes(entry);
    const maxRecords = Math.max(1, Math.min(MAX_RECORDS_PER_CALL, this.options.maxBatchRecords ?? MAX_RECORDS_PER_CALL));
    if (this.batch.length >= maxRecords || this.batchBytes + bytes > MAX_BYTES_PER_CALL) await this.sendBatch();
    this.batch.push({ entry, tag, bytes, attempts: 0 });
    this.batchBytes += bytes;
  }

  /** Sends what is queued and waits until every record is written, or the writer failed. */
  async flush(): Promise<void> {
    if (this.batch.length) await this.sendBatch();
    while (this.inFlight.size) await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  /** Ends every wait at once; records not yet written stay unwritten. */
  abort(): void {
    this.stopping.abort();
  }

  get failed(): Error | null {
    return this.failure;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
    if (this.stopping.signal.aborted) throw new AppError('unavailable', 'Writing was stopped.');
  }

  private async sendBatch(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    const limit = this.options.concurrency ?? 1;
    while (this.inFlight.size >= limit) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const call = this.writeAll(batch)
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => this.inFlight.delete(call));
    this.inFlight.add(call);
  }

  /** Sends a batch until every record in it is written, retrying exactly the refused ones. */
  private async writeAll(batch: Pending<T>[]): Promise<void> {
    let pending = batch;
    let failedCalls = 0;
    while (pending.length && !this.stopping.signal.aborted) {
      if (this.failure) return;
      const bytes = pending.reduce((sum, p) => sum + p.bytes, 0);
      await this.pacer.take(pending.length, bytes, this.stopping.signal);
      let results: PutRecordsResultEntry[];
      const sentAt = new Date();
      try {
        this.counts.calls++;
        const output = await this.options.client.send(
          new PutRecordsCommand({
            StreamName: this.options.stream,
            Records: pending.map(({ entry }) => ({
              Data: entry.data,
              PartitionKey: entry.partitionKey,
              ...(entry.explicitHashKey !== undefined ? { ExplicitHashKey: entry.explicitHashKey } : {}),
            })),
          }),
          { abortSignal: this.stopping.signal },
        );
        results = output.Records ?? [];
        failedCalls = 0;
      } catch (error) {
        this.counts.failedCalls++;
        const kind = classifyAwsError(error);
        if (kind.reader === 'stop') throw await explainMissingStream(this.options.client, this.options.stream, error);
        await sleep(backoff(failedCalls++, 100, 5_000), this.stopping.signal);
        if (failedCalls > (this.options.maxAttempts ?? 30))
          throw new AppError(kind.code, `PutRecords kept failing (${kind.message}); gave up after ${failedCalls} attempts.`);
        // Throttling refuses the whole call; any other failure on the way may have come after Kinesis kept it.
        if (kind.failure !== 'throttled' && this.options.findLanded && !this.stopping.signal.aborted)
          pending = this.dropLanded(pending, await this.options.findLanded(pending, sentAt));
        continue;
      }
      pending = this.settle(pending, results);
      if (pending.length) {
        this.counts.retried += pending.length;
        await sleep(backoff(Math.min(...pending.map((p) => p.attempts)), 100, 5_000), this.stopping.signal);
      }
    }
  }

  private dropLanded(pending: Pending<T>[], landed: Map<number, WrittenEntry>): Pending<T>[] {
    pending.forEach((p, index) => {
      const written = landed.get(index);
      if (!written) return;
      this.counts.written++;
      this.counts.bytes += p.bytes;
      this.options.onWritten?.(p.tag, written);
    });
    return pending.filter((_, index) => !landed.has(index));
  }

  /** What Kinesis said of each record: the written are reported, the refused come back to be sent again. */
  private settle(sent: Pending<T>[], results: PutRecordsResultEntry[]): Pending<T>[] {
    if (results.length !== sent.length)
      throw new AppError('aws', `PutRecords answered for ${results.length} records of ${sent.length}: the answer cannot be trusted.`);
    const again: Pending<T>[] = [];
    let failure: AppError | null = null;
    // Every record Kinesis accepted is reported first, whatever else the answer says.
    sent.forEach((pending, index) => {
      const result = results[index]!;
      if (!result.ErrorCode) {
        this.counts.written++;
        this.counts.bytes += pending.bytes;
        this.options.onWritten?.(pending.tag, { shardId: result.ShardId ?? '', sequenceNumber: result.SequenceNumber ?? '' });
        return;
      }
      if (!RETRYABLE_ENTRY_ERRORS.has(result.ErrorCode)) {
        const code = result.ErrorCode.startsWith('KMS') ? 'kms-denied' : 'aws';
        failure ??= new AppError(code, `Kinesis refused a record: ${result.ErrorCode}: ${result.ErrorMessage ?? ''}`.trim());
        return;
      }
      pending.attempts++;
      if (pending.attempts >= (this.options.maxAttempts ?? 30))
        failure ??= new AppError('throttled', `A record was refused ${pending.attempts} times (${result.ErrorCode}); gave up.`);
      again.push(pending);
    });
    if (failure) throw failure;
    return again;
  }
}

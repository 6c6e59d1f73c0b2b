import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { toApiError } from '../../core/app-error';
import { listShards } from '../engine/kinesis/stream-detail';
import { ShardAggregator, type KinesisRecordOut } from '../engine/kpl/shard-aggregator';
import { entryProblem } from './limits';
import { fileSize, readSource, type ProduceFormat } from './produce-source';
import { RecordWriter } from './record-writer';
import type { SchemaEncoder } from '../engine/decode/schema/schema-encoder';
import { encodeValue } from './put-record';

export interface ProduceSpec {
  stream: string;
  file: string;
  format: ProduceFormat;
  /** The partition key from this top-level field of each record… */
  keyFrom?: string | null;
  /** …or this one key for all; a random key per record when neither is given. */
  key?: string | null;
  /** User records a second at most. */
  rate?: number | null;
  /** Pack user records into KPL aggregates. */
  aggregate?: boolean;
  delimiter?: string;
  /** Records that cannot be written go here, one JSON line each with the reason. */
  rejectsFile: string;
  /** Each JSON line is written as this schema encodes it (checked in full beforehand by checkEncodable). */
  encoder?: SchemaEncoder;
}

export interface ProduceProgress {
  /** User records read from the file so far, and of those written, rejected, and sent again after a refusal. */
  read: number;
  written: number;
  rejected: number;
  retried: number;
  fileBytesRead: number;
  fileBytes: number;
  recordsPerSecond: number;
  etaSeconds: number | null;
}

export interface ProduceSummary extends Omit<ProduceProgress, 'recordsPerSecond' | 'etaSeconds'> {
  stream: string;
  file: string;
  /** Kinesis records sent: fewer than the user records with --aggregate. */
  kinesisRecords: number;
  calls: number;
  seconds: number;
  outcome: 'completed' | 'stopped' | 'failed';
  reason: string | null;
  /** Streams the user may have meant, when the one named is not there. */
  suggestions: string[];
  rejectsFile: string | null;
}

export interface ProduceOptions {
  onProgress?(progress: ProduceProgress): void;
  progressMs?: number;
  signal?: AbortSignal;
}

/**
 * Writes a file's records to a stream: read as they go (a file of any size in flat memory),
 * checked against Kinesis's limits first (a record that cannot go is set aside with the reason),
 * optionally packed into KPL aggregates, written by RecordWriter in full calls with exactly the
 * refused records retried.
 */
export async function produceFile(client: KinesisClient, spec: ProduceSpec, options: ProduceOptions = {}): Promise<ProduceSummary> {
  return (await openProduce(client, spec))(options);
}

/**
 * What can fail before the first record is read (the file is gone, the stream has no shards to
 * aggregate for) fails here, as an error; once this returns, every outcome is in the summary.
 */
export async function openProduce(
  client: KinesisClient,
  spec: ProduceSpec,
): Promise<(options?: ProduceOptions) => Promise<ProduceSummary>> {
  const fileBytes = await fileSize(spec.file);
  const aggregator = spec.aggregate ? new ShardAggregator(await listShards(client, spec.stream)) : null;
  return (options = {}) => produceOpened(client, spec, { fileBytes, aggregator }, options);
}

async function produceOpened(
  client: KinesisClient,
  spec: ProduceSpec,
  { fileBytes, aggregator }: { fileBytes: number; aggregator: ShardAggregator | null },
  options: ProduceOptions,
): Promise<ProduceSummary> {
  const started = Date.now();
  const totals = { read: 0, written: 0, rejected: 0, fileBytesRead: 0 };
  const writer = new RecordWriter<number>({
    client,
    stream: spec.stream,
    onWritten: (userRecords) => (totals.written += userRecords),
    // A rate is kept by the writer, a second's worth of records a call, not in bursts of 500.
    ...(spec.rate ? { rate: { recordsPerSecond: spec.rate }, maxBatchRecords: Math.ceil(spec.rate) } : {}),
  });
  const rejects = new RejectsFile(spec.rejectsFile);
  const stopped = options.signal ?? new AbortController().signal;
  const onAbort = () => writer.abort();
  stopped.addEventListener('abort', onAbort, { once: true });
  const progress = (): ProduceProgress => {
    const seconds = (Date.now() - started) / 1_000;
    const rate = seconds > 0 ? totals.written / seconds : 0;
    const bytesPerSecond = seconds > 0 ? totals.fileBytesRead / seconds : 0;
    return {
      ...totals,
      retried: writer.counts.retried,
      fileBytes,
      recordsPerSecond: rate,
      etaSeconds: bytesPerSecond > 0 ? Math.max(0, (fileBytes - totals.fileBytesRead) / bytesPerSecond) : null,
    };
  };
  const ticker = options.onProgress ? setInterval(() => options.onProgress!(progress()), options.progressMs ?? 250) : null;
  const send = async (records: KinesisRecordOut[]) => {
    for (const { userRecords, ...entry } of records) await writer.add(entry, userRecords);
  };
  let outcome: ProduceSummary['outcome'] = 'completed';
  let suggestions: string[] = [];
  let reason: string | null = null;
  try {
    for await (const item of readSource({ ...spec, onBytes: (bytes) => (totals.fileBytesRead = bytes) })) {
      if (stopped.aborted) break;
      totals.read++;
      if ('rejected' in item) {
        totals.rejected++;
        rejects.add(item.line, item.rejected, item.text);
        continue;
      }
      const partitionKey = item.key ?? spec.key ?? randomUUID();
      // A line that no longer fits its schema here (checked in full at the plan) stops the write rather than slip past.
      const data = spec.encoder ? encodeValue(spec.encoder, JSON.parse(item.data.toString('utf8'))) : item.data;
      const problem = entryProblem({ data, partitionKey });
      if (problem) {
        totals.rejected++;
        rejects.add(item.line, problem, item.data.toString('utf8'));
        continue;
      }
      await send(aggregator ? aggregator.add(partitionKey, data) : [{ data, partitionKey, userRecords: 1 }]);
    }
    if (aggregator && !stopped.aborted) await send(aggregator.flush());
    await writer.flush();
    if (stopped.aborted) outcome = 'stopped';
  } catch (error) {
    outcome = stopped.aborted ? 'stopped' : 'failed';
    const failure = toApiError(writer.failed ?? error);
    reason = stopped.aborted ? null : failure.message;
    suggestions = failure.suggestions ?? [];
  } finally {
    if (ticker) clearInterval(ticker);
    stopped.removeEventListener('abort', onAbort);
    await rejects.close();
  }
  options.onProgress?.(progress());
  return {
    ...totals,
    retried: writer.counts.retried,
    fileBytes,
    stream: spec.stream,
    file: spec.file,
    kinesisRecords: writer.counts.written,
    calls: writer.counts.calls,
    seconds: (Date.now() - started) / 1_000,
    outcome,
    reason,
    suggestions,
    rejectsFile: totals.rejected ? spec.rejectsFile : null,
  };
}

/** rejects.jsonl beside the input, created only if something is rejected. */
class RejectsFile {
  private stream: WriteStream | null = null;

  constructor(private readonly file: string) {}

  add(line: number, reason: string, record: string): void {
    this.stream ??= createWriteStream(this.file, { flags: 'w' });
    this.stream.write(`${JSON.stringify({ line, reason, record })}\n`);
  }

  close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return Promise.resolve();
    return new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { ProducerStatus } from '../../../shared/contract';
import { toApiError } from '../../core/app-error';
import type { DemoStreamSpec } from './demo-data';

export interface DemoProducerOptions {
  client: KinesisClient;
  streams: readonly DemoStreamSpec[];
  /** Kinesis records per second across all demo streams. */
  recordsPerSecond: number;
  tickMs?: number;
  onStatus?: (status: ProducerStatus) => void;
  statusEveryMs?: number;
}

export interface DemoProducer {
  status(): ProducerStatus;
  stop(): Promise<void>;
}

const MAX_BATCH = 500;

/** Writes demo events continuously so a new user sees live data without an AWS account. */
export function startDemoProducer(options: DemoProducerOptions): DemoProducer {
  const tickMs = options.tickMs ?? 200;
  const totalWeight = options.streams.reduce((sum, stream) => sum + stream.weight, 0);
  const owed = new Map(options.streams.map((stream) => [stream.name, 0]));
  let recordsWritten = 0;
  let lastError: string | null = null;
  let running = true;
  let windowStart = Date.now();
  let windowCount = 0;
  let recordsPerSecond = 0;
  let inFlight: Promise<void> = Promise.resolve();

  const status = (): ProducerStatus => ({ running, recordsWritten, recordsPerSecond, lastError });

  let lastTick = Date.now();
  const tick = async () => {
    const now = Date.now();
    const elapsedMs = Math.min(now - lastTick, 5 * tickMs);
    lastTick = now;
    await Promise.all(
      options.streams.map(async (stream) => {
        const due = owed.get(stream.name)! + (options.recordsPerSecond * stream.weight * elapsedMs) / totalWeight / 1000;
        const count = Math.floor(due);
        owed.set(stream.name, due - count);
        for (let sent = 0; sent < count && running; sent += MAX_BATCH) {
          const records = await stream.make(Math.min(MAX_BATCH, count - sent));
          try {
            const result = await options.client.send(
              new PutRecordsCommand({
                StreamName: stream.name,
                Records: records.map((record) => ({ PartitionKey: record.partitionKey, Data: record.data })),
              }),
            );
            const written = records.length - (result.FailedRecordCount ?? 0);
            recordsWritten += written;
            windowCount += written;
          } catch (error) {
            lastError = `${stream.name}: ${toApiError(error).message}`;
          }
        }
      }),
    );
    const end = Date.now();
    if (end - windowStart >= 1000) {
      recordsPerSecond = Math.round((windowCount * 1000) / (end - windowStart));
      windowStart = end;
      windowCount = 0;
    }
  };

  // Each tick is scheduled after the last one ends: a slow endpoint lowers the rate
  // (elapsed time is capped) instead of piling up requests.
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      inFlight = tick().then(() => {
        if (running) schedule();
      });
    }, tickMs);
  };
  schedule();
  const statusTimer = options.onStatus ? setInterval(() => options.onStatus!(status()), options.statusEveryMs ?? 2000) : null;

  return {
    status,
    async stop() {
      running = false;
      clearInterval(timer);
      if (statusTimer) clearInterval(statusTimer);
      await inFlight;
    },
  };
}

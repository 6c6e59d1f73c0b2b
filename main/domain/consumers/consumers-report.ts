import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ConsumersReport, Shard } from '../../../shared/contract';
import { classifyAwsError } from '../../aws/errors';
import type { ConnectionTarget } from '../connections/target';
import { describeStream, listConsumers, listShards } from '../engine/kinesis/stream-detail';
import type { ShardBudget } from '../engine/reader/read-budget';
import { readShort } from '../engine/reader/read-one';
import { chooseTables, readApplications, type TableChoice } from './applications';
import { lambdaMappings } from '../side-services/lambda-mappings';
import { openLeaseStore, type LeaseStore } from '../side-services/lease-store';
import { lambdaUnavailable, leaseStoreUnavailable } from '../side-services/availability';
import type { LeaseWatch } from './lease-watch';

export interface ConsumersContext {
  target: ConnectionTarget;
  /** For the stream's description, shard map and consumers. */
  client: KinesisClient;
  /** For the lag reads: a client with one attempt per call, and the shards' shared budgets. */
  reader: { client: KinesisClient; budget: (shardId: string) => ShardBudget };
  watch: LeaseWatch;
}

/** What the report's parts reuse between samples: the stream's ARN, the lease store and the tables found once. */
export interface ReportMemory {
  stream?: { arn: string; createdEpoch: number | null };
  store?: LeaseStore | null;
  tables?: TableChoice[];
}

const reasonOf = (error: unknown) => {
  const failure = classifyAwsError(error);
  if (failure.failure === 'unsupported') return 'This endpoint does not implement it.';
  return failure.message;
};

/**
 * Who reads the stream and how far behind each is: enhanced fan-out consumers, KCL applications
 * (from their lease tables, measured per shard) and Lambda event source mappings. A part that
 * cannot be read says why; the others are still given.
 */
export async function consumersReport(
  context: ConsumersContext,
  stream: string,
  leaseTables: readonly string[],
  memory: ReportMemory = {},
  signal?: AbortSignal,
): Promise<ConsumersReport> {
  // Described once per session: DescribeStreamSummary's limit is per account, shared with everything else.
  const [described, shards] = await Promise.all([
    memory.stream ?? describeStream(context.client, stream),
    listShards(context.client, stream, signal),
  ]);
  const detail =
    'createdEpoch' in described
      ? described
      : { arn: described.arn, createdEpoch: described.createdAt ? Math.floor(Date.parse(described.createdAt) / 1_000) : null };
  memory.stream = detail;
  const [enhancedFanOut, applications, lambda] = await Promise.all([
    listConsumers(context.client, detail.arn).then(
      ({ consumers }) => ({
        available: true,
        reason: null,
        items: consumers.map(({ name, status, createdAt }) => ({ name, status, createdAt })),
      }),
      (error: unknown) => ({ available: false, reason: reasonOf(error), items: [] }),
    ),
    applicationsPart(context, stream, shards, detail.createdEpoch, leaseTables, memory, signal),
    lambdaPart(context.target, detail.arn),
  ]);
  return {
    stream,
    time: new Date().toISOString(),
    enhancedFanOut,
    applications,
    lambda,
    leaseTablesAt: memory.store?.at ?? null,
  };
}

async function applicationsPart(
  context: ConsumersContext,
  stream: string,
  shards: Shard[],
  createdEpoch: number | null,
  leaseTables: readonly string[],
  memory: ReportMemory,
  signal?: AbortSignal,
): Promise<ConsumersReport['applications']> {
  const unavailable = leaseStoreUnavailable(context.target);
  if (unavailable) return { available: false, ...unavailable, items: [] };
  try {
    memory.store ??= await openLeaseStore(context.target);
    memory.tables ??= await chooseTables(memory.store, leaseTables, signal);
    const items = await readApplications({
      store: memory.store,
      tables: memory.tables,
      stream,
      createdEpoch,
      shards,
      watch: context.watch,
      reader: (shardId) => (start, limit) =>
        readShort(context.reader.client, stream, shardId, start, context.reader.budget(shardId), limit, signal),
      signal,
    });
    // Tables found by their shape are searched once: later samples read only the ones that are this stream's.
    memory.tables = memory.tables.filter((t) => t.named || items.some((app) => app.table === t.table)).map((t) => ({ ...t, known: true }));
    return { available: true, reason: null, items };
  } catch (error) {
    // Looking for tables failed (ListTables refused): say so; the next sample looks again.
    memory.tables = undefined;
    return { available: false, reason: reasonOf(error), items: [] };
  }
}

async function lambdaPart(target: ConnectionTarget, streamArn: string): Promise<ConsumersReport['lambda']> {
  const unavailable = lambdaUnavailable(target);
  if (unavailable) return { available: false, reason: unavailable, items: [] };
  return lambdaMappings(target, streamArn).then(
    (items) => ({ available: true, reason: null, items }),
    (error: unknown) => ({ available: false, reason: reasonOf(error), items: [] }),
  );
}

/** Releases what a report kept between samples. */
export function forget(memory: ReportMemory): void {
  memory.store?.client.destroy();
  memory.store = undefined;
  memory.tables = undefined;
}

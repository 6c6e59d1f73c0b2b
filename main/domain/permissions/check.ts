import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { PermissionReport, PermissionResult } from '../../../shared/contract';
import { withHttp2Client } from '../../aws/clients';
import { actionCatalog } from './catalog';
import { classifyProbeError, resourceFromDenial, type Outcome } from './classify';
import { fixPolicy, type S3PolicyTarget } from './policy';
import type { ConsumerProbes } from './consumer-probes';
import { probes } from './probes';
import { AppError } from '../../core/app-error';
import { explainMissingStream } from '../engine/kinesis/missing-stream';

export interface CheckOptions {
  client: KinesisClient;
  stream: string;
  region: string;
  writeProbe: boolean;
  /** A read-only connection: nothing is written, not even the opt-in test record. */
  readOnly?: boolean;
  /** Put the stream-admin actions in the fix policy (they are never probed: probing one is making the change). */
  admin?: boolean;
  /** Probes what the Consumers panel needs (DynamoDB lease tables, Lambda), once the stream's ARN is known. */
  consumers?: (streamArn: string) => Promise<ConsumerProbes>;
  /** Probes what decoding through the Glue Schema Registry needs. */
  schemaRegistry?: () => Promise<Record<string, Outcome>>;
  /** A run's S3 output to check (`check --to s3://…`), and the probes of what writing there needs. */
  s3?: { target: S3PolicyTarget & { sse?: 'AES256' | 'aws:kms' | undefined }; probe: () => Promise<Record<string, Outcome>> };
  /** The caller's account where STS could say it; used when Kinesis would not name the stream's ARN. */
  accountId?: () => Promise<string | null>;
}

type Settled<T> = { ok: true; value: T } | { ok: false; outcome: Outcome; error: unknown };

async function attempt<T>(run: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, outcome: classifyProbeError(error), error };
  }
}

const writeUnchecked = (options: CheckOptions) =>
  options.readOnly
    ? 'This connection is read-only: Shardscope refuses every write on it, so writing was not tried.'
    : 'Writing cannot be checked without writing; opt in to write one test record (or ask the IAM simulator, which writes nothing).';

const outcomeOf = (settled: Settled<unknown>): Outcome => (settled.ok ? { status: 'granted', reason: null } : settled.outcome);
const notChecked = (reason: string): Outcome => ({ status: 'unchecked', reason });

/**
 * Probes each action with a call that changes nothing, in parallel where one probe does not
 * need another's answer (a shard to position in, an iterator to read with, a consumer).
 */
export async function checkPermissions(options: CheckOptions): Promise<PermissionReport> {
  const { client, stream } = options;
  // S3 and KMS actions are listed only for a run to S3, KMS only with SSE-KMS.
  const catalog = actionCatalog.filter(
    (spec) => !spec.s3Target || (options.s3 && (spec.s3Target === 's3' || options.s3.target.sse === 'aws:kms')),
  );
  const writeProbe = options.writeProbe && !options.readOnly;
  const [list, describe, summary, shards, putRecord, putRecords] = await Promise.all([
    attempt(() => probes.listStreams(client)),
    attempt(() => probes.describeStream(client, stream)),
    attempt(() => probes.describeStreamSummary(client, stream)),
    attempt(() => probes.listShards(client, stream)),
    writeProbe ? attempt(() => probes.putRecord(client, stream)) : null,
    writeProbe ? attempt(() => probes.putRecords(client, stream)) : null,
  ]);
  // A stream that is not there has no permissions to report: said as such, with the names meant.
  if (!summary.ok && !describe.ok) {
    const missing = await explainMissingStream(client, stream, summary.error);
    if (missing instanceof AppError) throw missing;
  }

  const streamArn =
    (summary.ok && summary.value.StreamDescriptionSummary?.StreamARN) ||
    (describe.ok && describe.value.StreamDescription?.StreamARN) ||
    [describe, summary, shards].map((s) => (s.ok ? null : resourceFromDenial(s.outcome.reason))).find(Boolean) ||
    `arn:aws:kinesis:${options.region}:${(await options.accountId?.().catch(() => null)) ?? '*'}:stream/${stream}`;
  const shardId =
    (shards.ok && shards.value.Shards?.[0]?.ShardId) ||
    (describe.ok && describe.value.StreamDescription?.Shards?.[0]?.ShardId) ||
    'shardId-000000000000';

  const [iterator, consumers, consumerReaders, glue, s3] = await Promise.all([
    attempt(() => probes.getShardIterator(client, stream, shardId)),
    attempt(() => probes.listStreamConsumers(client, streamArn)),
    options.consumers?.(streamArn).catch(() => null) ?? null,
    options.schemaRegistry?.().catch(() => null) ?? null,
    // A bad prefix or an unreachable S3 is the caller's error, not an unchecked list.
    options.s3?.probe() ?? null,
  ]);
  const consumerArns = consumers.ok ? (consumers.value.Consumers ?? []).map((c) => c.ConsumerARN!).filter(Boolean) : [];

  const [records, subscribe] = await Promise.all([
    iterator.ok && iterator.value.ShardIterator ? attempt(() => probes.getRecords(client, iterator.value.ShardIterator!)) : null,
    consumerArns[0] ? attempt(() => withHttp2Client(client, (h2) => probes.subscribeToShard(h2, consumerArns[0]!, shardId))) : null,
  ]);

  const outcomes: Record<string, Outcome> = {
    'kinesis:ListStreams': outcomeOf(list),
    'kinesis:DescribeStream': outcomeOf(describe),
    'kinesis:DescribeStreamSummary': outcomeOf(summary),
    'kinesis:ListShards': outcomeOf(shards),
    'kinesis:GetShardIterator': outcomeOf(iterator),
    'kinesis:GetRecords': records ? outcomeOf(records) : notChecked('Needs a shard iterator, and GetShardIterator did not give one.'),
    'kinesis:ListStreamConsumers': outcomeOf(consumers),
    'kinesis:SubscribeToShard': subscribe
      ? outcomeOf(subscribe)
      : notChecked(
          consumers.ok
            ? 'The stream has no enhanced fan-out consumer to subscribe with.'
            : 'Needs a consumer, and ListStreamConsumers did not list one.',
        ),
    'kinesis:PutRecord': putRecord ? outcomeOf(putRecord) : notChecked(writeUnchecked(options)),
    'kinesis:PutRecords': putRecords ? outcomeOf(putRecords) : notChecked(writeUnchecked(options)),
  };
  for (const spec of actionCatalog.filter((s) => s.action.startsWith('dynamodb:') || s.action.startsWith('lambda:')))
    outcomes[spec.action] = consumerReaders?.outcomes[spec.action] ?? notChecked('The consumer checks could not run.');
  for (const spec of actionCatalog.filter((s) => s.action.startsWith('glue:')))
    outcomes[spec.action] = glue?.[spec.action] ?? notChecked('The schema registry checks could not run.');
  // A shard-level "not found" for the guessed shard says nothing about IAM.
  if (!iterator.ok && iterator.outcome.status === 'unchecked' && shardId === 'shardId-000000000000' && !shards.ok && !describe.ok) {
    outcomes['kinesis:GetShardIterator'] = notChecked('No shard to position in: ListShards and DescribeStream were both refused.');
  }

  for (const spec of catalog.filter((s) => s.s3Target))
    outcomes[spec.action] = s3?.[spec.action] ?? notChecked('The S3 checks could not run.');
  for (const spec of actionCatalog.filter((spec) => spec.admin))
    outcomes[spec.action] = notChecked(
      'A stream change: it can only be probed by making it, so it is not tried. Explain asks the IAM simulator without changing anything.',
    );
  const actions: PermissionResult[] = catalog.map((spec) => ({
    action: spec.action,
    required: spec.required,
    neededFor: spec.neededFor,
    status: outcomes[spec.action]!.status,
    reason: outcomes[spec.action]!.reason,
    ...(outcomes[spec.action]!.remedy ? { remedy: outcomes[spec.action]!.remedy } : {}),
  }));
  const missing = actions
    .filter((a) => a.status === 'missing' || (options.admin && actionCatalog.some((spec) => spec.admin && spec.action === a.action)))
    .map((a) => a.action);
  const kmsKey = summary.ok ? (summary.value.StreamDescriptionSummary?.KeyId ?? null) : null;
  return {
    stream,
    streamArn,
    actions,
    fixPolicy: fixPolicy(missing, streamArn, consumerArns, consumerReaders?.leaseTableArns ?? [], options.s3?.target),
    kmsKey: actions.some((a) => a.status === 'kms-denied') ? kmsKey : null,
    checkedAt: new Date().toISOString(),
  };
}

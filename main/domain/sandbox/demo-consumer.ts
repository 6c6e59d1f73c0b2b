import { PutItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { listShards } from '../engine/kinesis/stream-detail';
import { parseLease, processedThrough, type Lease } from '../engine/leases/lease-format';
import { createLeaseTable, scanTable } from '../engine/leases/lease-table';
import { ShardBudget } from '../engine/reader/read-budget';
import { readShort, type ShortReadStart } from '../engine/reader/read-one';
import { sleep } from '../engine/reader/timing';

/** The demo stream the sandbox's two KCL applications read. */
export const DEMO_CONSUMER_STREAM = 'orders';
/** Runs, renews its leases and checkpoints; keeps up on every shard but the last, which it reads slowly. */
export const RUNNING_APPLICATION = 'orders-fulfilment';
/** Stopped since the sandbox started: owned leases that are never renewed, checkpoints at the start. */
export const STOPPED_APPLICATION = 'orders-audit';

const WORKER = 'fulfilment-worker-1';
const CYCLE_MS = 2_000;

export interface DemoConsumer {
  stop(): Promise<void>;
}

/** A new lease in the KCL 2.x shape (DynamoDBLeaseSerializer.toDynamoRecord). */
export function kcl2LeaseItem(
  shard: { shardId: string; parents: string[]; hashKeyRange: { start: string; end: string } },
  owner: string | null,
  counter = 1,
): Record<string, AttributeValue> {
  return {
    leaseKey: { S: shard.shardId },
    leaseCounter: { N: String(counter) },
    ...(owner ? { leaseOwner: { S: owner } } : {}),
    ownerSwitchesSinceCheckpoint: { N: '0' },
    checkpoint: { S: 'TRIM_HORIZON' },
    checkpointSubSequenceNumber: { N: '0' },
    ...(shard.parents.length ? { parentShardId: { SS: shard.parents } } : {}),
    startingHashKey: { S: shard.hashKeyRange.start },
    endingHashKey: { S: shard.hashKeyRange.end },
  };
}

/**
 * Two KCL-shaped applications on the demo `orders` stream, so the Consumers panel has something
 * to show in the first minute: one that runs (renews its leases every few seconds, reads and
 * checkpoints, but reads its last shard slowly, so that shard falls behind), and one that
 * stopped (its owner never renews; the KCL 3.5 shape, with throughput and entityType).
 */
export async function startDemoConsumer(kinesis: KinesisClient, dynamodb: DynamoDBClient): Promise<DemoConsumer> {
  const abort = new AbortController();
  // Its own budgets, not the process's: it stands for someone else's application, whose reads
  // Shardscope's readers share the shard with (kinesalite enforces no limits; these keep it modest).
  const budgets = new Map<string, ShardBudget>();
  const budget = (shardId: string) => {
    let b = budgets.get(shardId);
    if (!b) budgets.set(shardId, (b = new ShardBudget(() => ({ callsPerSecond: 5, mibPerSecond: null }))));
    return b;
  };
  const shards = await listShards(kinesis, DEMO_CONSUMER_STREAM);
  const asLeaseShard = (s: (typeof shards)[number]) => ({
    shardId: s.shardId,
    parents: [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => Boolean(p)),
    hashKeyRange: s.hashKeyRange,
  });
  if (await createLeaseTable(dynamodb, STOPPED_APPLICATION)) {
    for (const shard of shards.filter((s) => s.open)) {
      const item = kcl2LeaseItem(asLeaseShard(shard), 'audit-worker-7f3c', 412);
      // The KCL 3.5 additions: the lease's measured throughput and its entity type.
      await dynamodb.send(
        new PutItemCommand({ TableName: STOPPED_APPLICATION, Item: { ...item, throughputKBps: { N: '0.0' }, entityType: { S: 'LEASE' } } }),
      );
    }
  }
  await createLeaseTable(dynamodb, RUNNING_APPLICATION);

  const cycle = async () => {
    const current = await listShards(kinesis, DEMO_CONSUMER_STREAM, abort.signal);
    const leases = (await scanTable(dynamodb, RUNNING_APPLICATION, abort.signal)).map(parseLease).filter((l): l is Lease => l !== null);
    const byShard = new Map(leases.map((l) => [l.shardId, l]));
    // Shard sync, as the KCL's: a lease for every open shard (children of a split or merge too).
    for (const shard of current.filter((s) => s.open && !byShard.has(s.shardId))) {
      await dynamodb
        .send(
          new PutItemCommand({
            TableName: RUNNING_APPLICATION,
            Item: kcl2LeaseItem(asLeaseShard(shard), WORKER),
            ConditionExpression: 'attribute_not_exists(leaseKey)',
          }),
        )
        .catch(() => undefined);
    }
    const last = current.filter((s) => s.open).at(-1)?.shardId;
    for (const lease of leases) {
      if (lease.checkpoint?.type === 'SHARD_END') continue;
      // A child waits until its parents are read to their end, as the KCL's ShardConsumer does.
      if (lease.parentShardIds.some((p) => byShard.get(p) && byShard.get(p)!.checkpoint?.type !== 'SHARD_END')) {
        await renew(lease, null);
        continue;
      }
      const start: ShortReadStart =
        lease.checkpoint?.type === 'sequence'
          ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: lease.checkpoint.sequenceNumber }
          : { type: 'TRIM_HORIZON' };
      const page = await readShort(
        kinesis,
        DEMO_CONSUMER_STREAM,
        lease.shardId,
        start,
        budget(lease.shardId),
        lease.shardId === last ? 2 : 500,
        abort.signal,
      );
      const lastRecord = page.records.at(-1);
      const ended = page.nextIterator === null && page.records.length < 500;
      await renew(lease, lastRecord ? processedThrough(lastRecord) : ended ? { type: 'SHARD_END' } : null);
    }
  };

  const renew = async (lease: Lease, checkpoint: ReturnType<typeof processedThrough> | { type: 'SHARD_END' } | null) => {
    const values: Record<string, AttributeValue> = { ':one': { N: '1' }, ':owner': { S: WORKER }, ':seen': { N: String(lease.counter) } };
    let update = 'SET leaseCounter = leaseCounter + :one, leaseOwner = :owner';
    if (checkpoint) {
      update += ', checkpoint = :checkpoint, checkpointSubSequenceNumber = :sub, ownerSwitchesSinceCheckpoint = :zero';
      values[':checkpoint'] = { S: checkpoint.type === 'sequence' ? checkpoint.sequenceNumber : checkpoint.type };
      values[':sub'] = { N: String(checkpoint.type === 'sequence' ? checkpoint.subSequenceNumber : 0) };
      values[':zero'] = { N: '0' };
    }
    await dynamodb
      .send(
        new UpdateItemCommand({
          TableName: RUNNING_APPLICATION,
          Key: { leaseKey: { S: lease.leaseKey } },
          UpdateExpression: update,
          ConditionExpression: 'leaseCounter = :seen',
          ExpressionAttributeValues: values,
        }),
      )
      // Someone else changed the lease (a moved checkpoint): this worker reads it again next cycle.
      .catch(() => undefined);
  };

  const loop = (async () => {
    while (!abort.signal.aborted) {
      try {
        await cycle();
      } catch {
        // The demo stream may be deleted or resharded by the user: try again next cycle.
      }
      await sleep(CYCLE_MS, abort.signal);
    }
  })();
  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

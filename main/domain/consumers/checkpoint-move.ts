import { GetItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Checkpoint, CheckpointMoveApply, CheckpointMoveInput, CheckpointMovePlan, LeaseQuiet, Shard } from '../../../shared/contract';
import { awsCliCommand, type CliTarget } from '../../../shared/aws-cli';
import { AppError } from '../../core/app-error';
import { leasesOfStream } from './applications';
import type { ShortReader } from './checkpoint-lag';
import { resolveTarget, type ResolvedTarget } from './checkpoint-target';
import { parseLease, type Lease } from '../engine/leases/lease-format';
import { scanTable } from '../engine/leases/lease-table';
import type { LeaseStore } from '../side-services/lease-store';
import type { LeaseWatch } from './lease-watch';

type MoveInput = Required<Omit<CheckpointMoveInput, 'shardId'>> & { shardId: string | null };
/** The plan the user confirmed, lease by lease. */
type ExpectedMoves = CheckpointMoveApply['expected'];

export interface MoveContext {
  store: LeaseStore;
  watch: LeaseWatch;
  shards: readonly Shard[];
  reader: (shardId: string) => ShortReader;
  /** The AWS CLI's view of where the table is, for the equivalent commands. */
  cli: CliTarget;
}

/** The checkpoint attribute's value: a sequence number or a sentinel's name (the sub-sequence number is its own attribute). */
const checkpointAttribute = (c: Checkpoint) => (c.type === 'sequence' ? c.sequenceNumber : c.type === 'unknown' ? (c.raw ?? '') : c.type);
const watchKey = (context: MoveContext, input: MoveInput) => `${context.store.at}|${input.table}`;

/** Every lease of the stream in the table, read consistently; each read also tells the watch which counters moved. */
async function leasesOfTable(context: MoveContext, input: MoveInput): Promise<Lease[]> {
  const leases = (await scanTable(context.store.client, input.table, undefined, true))
    .map(parseLease)
    .filter((l): l is Lease => l !== null);
  const mine = leasesOfStream({ table: input.table, named: true }, leases, input.stream, context.shards)?.leases ?? [];
  if (mine.length === 0) throw new AppError('not-found', `${input.table} holds no lease of ${input.stream}.`);
  context.watch.observe(watchKey(context, input), mine);
  return mine;
}

/**
 * The leases a move changes, and those an every-shard move leaves alone: a shard gone from the
 * stream has no records to resume at, and one read to its end stays finished unless the whole
 * stream is read again from the oldest record.
 */
function chooseLeases(context: MoveContext, input: MoveInput, mine: readonly Lease[]) {
  if (input.shardId !== null) {
    const one = mine.find((l) => l.shardId === input.shardId);
    if (!one) throw new AppError('not-found', `${input.table} has no lease for ${input.shardId}.`);
    return { moving: [one], skipped: [] };
  }
  const inStream = new Set(context.shards.map((s) => s.shardId));
  const skipped: CheckpointMovePlan['skipped'] = [];
  const moving = mine.filter((lease) => {
    if (!inStream.has(lease.shardId)) skipped.push({ shardId: lease.shardId, reason: 'The shard is no longer in the stream.' });
    else if (lease.checkpoint?.type === 'SHARD_END' && input.to.type !== 'TRIM_HORIZON')
      skipped.push({ shardId: lease.shardId, reason: 'Read to its end; only a move to TRIM_HORIZON reads it again.' });
    else return true;
    return false;
  });
  return { moving, skipped };
}

/** Whether the table has been quiet long enough: any lease of the stream renewed, or too short a watch, blocks a move. */
export function quietOf(context: MoveContext, input: MoveInput, mine: readonly Lease[], now = Date.now()): LeaseQuiet {
  const key = watchKey(context, input);
  const quietMs = context.watch.quietForMs(key, mine, now);
  const quietForSeconds = Math.floor(quietMs / 1_000);
  if (quietMs >= input.quietSeconds * 1_000) return { blocker: null, waitingForQuiet: false, quietForSeconds };
  const renewed = context.watch.lastRenewed(key, mine);
  if (renewed && now - renewed.at < input.quietSeconds * 1_000)
    return {
      waitingForQuiet: false,
      quietForSeconds,
      blocker:
        `The lease of ${renewed.lease.shardId} was renewed ${Math.round((now - renewed.at) / 1_000)} s ago` +
        `${renewed.lease.owner ? ` by ${renewed.lease.owner}` : ''}: the application is running. Stop every worker, then move its checkpoints.`,
    };
  return {
    waitingForQuiet: true,
    quietForSeconds,
    blocker: `No lease has been renewed in the ${quietForSeconds} s the table has been watched; a move needs ${input.quietSeconds} s of quiet to be sure the application is stopped.`,
  };
}

/** The table's quiet alone: what a dialog or the CLI polls while it waits, reading the leases and nothing else. */
export async function leaseQuiet(context: MoveContext, input: MoveInput): Promise<LeaseQuiet> {
  return quietOf(context, input, await leasesOfTable(context, input));
}

/**
 * What a move would change, lease by lease, and whether it may be made now. Changes nothing.
 * Targets are resolved first (a time may take a few reads per shard), then the leases are read
 * again, so the counters a move is conditioned on are as fresh as they can be.
 */
export async function planMove(context: MoveContext, input: MoveInput, now = Date.now()): Promise<CheckpointMovePlan> {
  if (input.to.type === 'AFTER_SEQUENCE_NUMBER' && input.shardId === null)
    throw new AppError('invalid-input', 'A sequence number belongs to one shard: name the shard to move.');
  const { moving } = chooseLeases(context, input, await leasesOfTable(context, input));
  const targets = new Map<string, ResolvedTarget>();
  for (const lease of moving) targets.set(lease.leaseKey, await resolveTarget(input.to, context.reader(lease.shardId)));
  const mine = await leasesOfTable(context, input);
  const fresh = chooseLeases(context, input, mine);
  const changes: CheckpointMovePlan['changes'] = fresh.moving
    .filter((lease) => targets.has(lease.leaseKey))
    .map((lease) => ({
      leaseKey: lease.leaseKey,
      shardId: lease.shardId,
      owner: lease.owner,
      leaseCounter: lease.counter ?? 0,
      from: lease.checkpoint,
      to: targets.get(lease.leaseKey)!.checkpoint,
      resumesAt: targets.get(lease.leaseKey)!.resumesAt,
    }));
  const awsCli = changes.map((change) =>
    awsCliCommand(
      'update-item',
      {
        'table-name': input.table,
        key: JSON.stringify({ leaseKey: { S: change.leaseKey } }),
        'update-expression': UPDATE_EXPRESSION,
        'condition-expression': CONDITION,
        'expression-attribute-values': JSON.stringify(valuesOf(change.to, change.leaseCounter)),
      },
      context.cli,
      'dynamodb',
    ),
  );
  return { table: input.table, stream: input.stream, changes, skipped: fresh.skipped, ...quietOf(context, input, mine, now), awsCli };
}

/**
 * What the KCL's own checkpoint writes (checkpoint, sub-sequence number, no pending checkpoint,
 * no owner switches since), with the counter two up, not one: the KCL's renewer takes a counter
 * exactly one up for its own renewal whose answer was lost and keeps the lease with the old
 * checkpoint in memory (DynamoDBLeaseRenewer's "spurious renewal failure"); two up, it knows the
 * lease changed and drops it, so a worker that was not quite stopped re-reads the moved checkpoint.
 */
const UPDATE_EXPRESSION =
  'SET checkpoint = :checkpoint, checkpointSubSequenceNumber = :sub, ownerSwitchesSinceCheckpoint = :zero, ' +
  'leaseCounter = leaseCounter + :two REMOVE pendingCheckpoint, pendingCheckpointSubSequenceNumber, pendingCheckpointState';
/** Only the lease as it was read: a renewal in between fails the write instead of being overwritten. */
const CONDITION = 'leaseCounter = :seen';

function valuesOf(to: Checkpoint, seen: number): Record<string, AttributeValue> {
  return {
    ':checkpoint': { S: checkpointAttribute(to) },
    ':sub': { N: String(to.type === 'sequence' ? to.subSequenceNumber : 0) },
    ':zero': { N: '0' },
    ':two': { N: '2' },
    ':seen': { N: String(seen) },
  };
}

/** Whether the plan made now is the one the user confirmed: the same leases, counters and targets. */
function samePlan(plan: CheckpointMovePlan, expected: ExpectedMoves): boolean {
  const key = (leaseKey: string, counter: number, to: Checkpoint) => JSON.stringify([leaseKey, counter, to]);
  const now = plan.changes.map((c) => key(c.leaseKey, c.leaseCounter, c.to)).sort();
  const then = expected.map((e) => key(e.leaseKey, e.leaseCounter, e.to)).sort();
  return now.length === then.length && now.every((k, i) => k === then[i]);
}

/**
 * A conditional write that failed may have landed on an earlier attempt whose answer was lost:
 * the lease as it is now tells, and a write of ours is not taken for a worker's renewal.
 */
async function landedAlready(context: MoveContext, input: MoveInput, change: CheckpointMovePlan['changes'][number]): Promise<boolean> {
  const { Item } = await context.store.client.send(
    new GetItemCommand({ TableName: input.table, Key: { leaseKey: { S: change.leaseKey } }, ConsistentRead: true }),
  );
  const lease = Item ? parseLease(Item) : null;
  return lease?.counter === change.leaseCounter + 2 && JSON.stringify(lease.checkpoint) === JSON.stringify(change.to);
}

/**
 * Moves the checkpoints as planned now, each with a conditional update on the lease counter just
 * read; refuses if that plan is not the one confirmed, and stops at the first lease that moved
 * meanwhile, saying how many were written.
 */
export async function applyMove(
  context: MoveContext,
  input: MoveInput & { expected: ExpectedMoves },
): Promise<{ moved: number; plan: CheckpointMovePlan }> {
  const plan = await planMove(context, input);
  if (plan.blocker) throw new AppError('conflict', plan.blocker);
  if (!samePlan(plan, input.expected))
    throw new AppError(
      'conflict',
      'The leases changed since the plan you confirmed (a counter moved, or a target resolved elsewhere): nothing was moved. Look at the new plan.',
    );
  let moved = 0;
  for (const change of plan.changes) {
    try {
      await context.store.client.send(
        new UpdateItemCommand({
          TableName: input.table,
          Key: { leaseKey: { S: change.leaseKey } },
          UpdateExpression: UPDATE_EXPRESSION,
          ConditionExpression: CONDITION,
          ExpressionAttributeValues: valuesOf(change.to, change.leaseCounter),
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      if (!(await landedAlready(context, input, change).catch(() => false)))
        throw new AppError(
          'conflict',
          `The lease of ${change.shardId} changed while moving (a worker renewed or took it): ${moved} of ${plan.changes.length} checkpoints were moved. Stop the application and try again.`,
        );
    }
    moved++;
    context.watch.movedByUs(watchKey(context, input), change.leaseKey, change.leaseCounter + 2);
  }
  return { moved, plan };
}

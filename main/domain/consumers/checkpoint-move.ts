import { UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Checkpoint, CheckpointMovePlan, Shard } from '../../../shared/contract';
import type { CheckpointMoveInput } from '../../../shared/contract';
import { awsCliCommand, type CliTarget } from '../../../shared/aws-cli';
import { AppError } from '../../core/app-error';
import { leasesOfStream } from './applications';
import type { ShortReader } from './checkpoint-lag';
import { resolveTarget } from './checkpoint-target';
import { parseLease, type Lease } from './lease-format';
import { scanTable, type LeaseStore } from './lease-store';
import type { LeaseWatch } from './lease-watch';

type MoveInput = Required<Omit<CheckpointMoveInput, 'shardId'>> & { shardId: string | null };

export interface MoveContext {
  store: LeaseStore;
  watch: LeaseWatch;
  shards: readonly Shard[];
  reader: (shardId: string) => ShortReader;
  /** The AWS CLI's view of where the table is, for the equivalent commands. */
  cli: CliTarget;
}

const checkpointText = (c: Checkpoint) => (c.type === 'sequence' ? c.sequenceNumber : c.type === 'unknown' ? (c.raw ?? '') : c.type);

/** The leases a move changes, read fresh; each is watched, so the table's quiet is measured by this read too. */
async function leasesToMove(context: MoveContext, input: MoveInput): Promise<Lease[]> {
  const leases = (await scanTable(context.store.client, input.table)).map(parseLease).filter((l): l is Lease => l !== null);
  const ofStream = leasesOfStream({ table: input.table, named: true }, leases, input.stream, context.shards);
  const mine = ofStream?.leases ?? [];
  if (mine.length === 0) throw new AppError('not-found', `${input.table} holds no lease of ${input.stream}.`);
  context.watch.observe(`${context.store.at}|${input.table}`, mine);
  if (input.shardId === null) return mine;
  const one = mine.find((l) => l.shardId === input.shardId);
  if (!one) throw new AppError('not-found', `${input.table} has no lease for ${input.shardId}.`);
  return [one];
}

/** Why the move must wait: a worker renewed a lease, or the table has not been watched long enough. */
function blockerOf(
  context: MoveContext,
  input: MoveInput,
  leases: readonly Lease[],
  now: number,
): { text: string; waiting: boolean } | null {
  const key = `${context.store.at}|${input.table}`;
  const quietMs = context.watch.quietForMs(key, leases, now);
  if (quietMs >= input.quietSeconds * 1_000) return null;
  const renewed = context.watch.lastRenewed(key, leases);
  if (renewed && now - renewed.at < input.quietSeconds * 1_000)
    return {
      waiting: false,
      text:
        `The lease of ${renewed.lease.shardId} was renewed ${Math.round((now - renewed.at) / 1_000)} s ago` +
        `${renewed.lease.owner ? ` by ${renewed.lease.owner}` : ''}: the application is running. Stop every worker, then move its checkpoints.`,
    };
  return {
    waiting: true,
    text: `No lease has been renewed in the ${Math.floor(quietMs / 1_000)} s the table has been watched; a move needs ${input.quietSeconds} s of quiet to be sure the application is stopped.`,
  };
}

/** What a move would change, lease by lease, and whether it may be made now. Changes nothing. */
export async function planMove(context: MoveContext, input: MoveInput, now = Date.now()): Promise<CheckpointMovePlan> {
  if (input.to.type === 'AFTER_SEQUENCE_NUMBER' && input.shardId === null)
    throw new AppError('invalid-input', 'A sequence number belongs to one shard: name the shard to move.');
  const leases = await leasesToMove(context, input);
  const changes: CheckpointMovePlan['changes'] = [];
  for (const lease of leases) {
    const { checkpoint, resumesAt } = await resolveTarget(input.to, context.reader(lease.shardId));
    changes.push({
      leaseKey: lease.leaseKey,
      shardId: lease.shardId,
      owner: lease.owner,
      leaseCounter: lease.counter ?? 0,
      from: lease.checkpoint,
      to: checkpoint,
      resumesAt,
    });
  }
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
  const blocker = blockerOf(context, input, leases, now);
  return {
    table: input.table,
    stream: input.stream,
    changes,
    blocker: blocker?.text ?? null,
    waitingForQuiet: blocker?.waiting ?? false,
    quietForSeconds: Math.floor(context.watch.quietForMs(`${context.store.at}|${input.table}`, leases, now) / 1_000),
    awsCli,
  };
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
    ':checkpoint': { S: checkpointText(to) },
    ':sub': { N: String(to.type === 'sequence' ? to.subSequenceNumber : 0) },
    ':zero': { N: '0' },
    ':two': { N: '2' },
    ':seen': { N: String(seen) },
  };
}

/**
 * Moves the checkpoints as planned, each with a conditional update on the lease counter read in
 * the plan; stops at the first lease that moved meanwhile and says how many were written.
 */
export async function applyMove(context: MoveContext, input: MoveInput): Promise<{ moved: number; plan: CheckpointMovePlan }> {
  const plan = await planMove(context, input);
  if (plan.blocker) throw new AppError('conflict', plan.blocker);
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
      moved++;
      context.watch.movedByUs(`${context.store.at}|${input.table}`, change.leaseKey, change.leaseCounter + 2);
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      throw new AppError(
        'conflict',
        `The lease of ${change.shardId} changed while moving (a worker renewed or took it): ${moved} of ${plan.changes.length} checkpoints were moved. Stop the application and try again.`,
      );
    }
  }
  return { moved, plan };
}

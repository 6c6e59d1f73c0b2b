import type { Application, ApplicationShard, Shard, ShardCondition } from '../../../shared/contract';
import { formatLag } from '../../../shared/format';
import { classifyAwsError } from '../../aws/errors';
import { measureCheckpointLag, type CheckpointLag, type ShortReader } from './checkpoint-lag';
import type { Lease } from '../engine/leases/lease-format';
import type { LeaseWatch } from './lease-watch';

/** Behind by more than this is "far behind" (the KCL's own alarm on MillisBehindLatest is often a minute). */
export const FAR_BEHIND_MS = 60_000;

export interface AssessInput {
  table: string;
  /** The table as the lease watch knows it: where it is and its name. */
  watchKey: string;
  match: Application['match'];
  leases: readonly Lease[];
  shards: readonly Shard[];
  watch: LeaseWatch;
  /** A short read of one shard, within its read budget. */
  reader: (shardId: string) => ShortReader;
  now?: number;
}

const severity: Record<ShardCondition, number> = {
  'not-leased': 7,
  'no-owner': 6,
  'stuck-owner': 5,
  'waiting-for-parent': 4,
  throttled: 3,
  'far-behind': 2,
  'keeping-up': 1,
  finished: 0,
};

const describe: Record<ShardCondition, (shardId: string, lag: string) => string> = {
  'not-leased': (s, lag) => `${s} has no lease: no worker reads it${lag}.`,
  'no-owner': (s, lag) => `${s} is leased by no worker${lag}.`,
  'stuck-owner': (s, lag) => `${s}'s owner has not renewed its lease for a while: the worker has stopped or hangs${lag}.`,
  'waiting-for-parent': (s, lag) => `${s} waits for its parent to be read to its end${lag}.`,
  throttled: (s, lag) => `${s}'s reads are throttled: its 5 reads a second are taken${lag}.`,
  'far-behind': (s, lag) => `${s} is far behind${lag}.`,
  'keeping-up': (s, lag) => `Keeping up: the most behind is ${s}${lag}.`,
  finished: (s) => `Every shard is read to its end (last: ${s}).`,
};

/**
 * One KCL application's standing on every shard of the stream: from its leases, the shard map
 * and one short read per shard at its checkpoint. Shards are measured one after another, so the
 * panel never asks more of a stream than one read per shard per sample.
 */
export async function assessApplication(input: AssessInput): Promise<Omit<Application, 'format' | 'error'>> {
  const now = input.now ?? Date.now();
  const byShard = new Map(input.leases.map((lease) => [lease.shardId, lease]));
  const shardIds = new Set(input.shards.map((s) => s.shardId));
  const rows: ApplicationShard[] = [];
  // Open shards and every shard with a lease; closed shards nobody leases were read before (or trimmed).
  const shown = [...input.shards.filter((s) => s.open || byShard.has(s.shardId)).map((s) => s.shardId)];
  for (const lease of input.leases) if (!shardIds.has(lease.shardId)) shown.push(lease.shardId);

  for (const shardId of shown) {
    const shard = input.shards.find((s) => s.shardId === shardId);
    const lease = byShard.get(shardId) ?? null;
    const parents = lease?.parentShardIds.length
      ? lease.parentShardIds
      : [shard?.parentShardId, shard?.adjacentParentShardId].filter((p): p is string => Boolean(p));
    const blockingParent = parents.find((p) => {
      const parentLease = byShard.get(p);
      return parentLease && parentLease.checkpoint?.type !== 'SHARD_END';
    });
    const start = lease ? lease.checkpoint : ({ type: 'TRIM_HORIZON' } as const);
    let lag: CheckpointLag;
    let throttled = false;
    try {
      lag = shard ? await measureCheckpointLag(start, input.reader(shardId), now) : noLag('The shard is no longer in the stream.');
    } catch (error) {
      const failure = classifyAwsError(error);
      throttled = failure.failure === 'throttled';
      lag = noLag(throttled ? 'Throttled while measuring: other consumers take this shard’s reads.' : failure.message);
    }
    const renewedAt = lease ? input.watch.renewedAt(input.watchKey, lease) : null;
    // A child's lease is made only once its parents are read to their end (KCL 2.3+): before, it waits, it is not unleased.
    const condition: ShardCondition =
      lease?.checkpoint?.type === 'SHARD_END'
        ? 'finished'
        : blockingParent
          ? 'waiting-for-parent'
          : !lease
            ? 'not-leased'
            : !lease.owner
              ? 'no-owner'
              : input.watch.isStuck(input.watchKey, lease, now)
                ? 'stuck-owner'
                : throttled
                  ? 'throttled'
                  : (lag.lagMillis ?? 0) > FAR_BEHIND_MS
                    ? 'far-behind'
                    : 'keeping-up';
    rows.push({
      shardId,
      open: shard?.open ?? false,
      owner: lease?.owner ?? null,
      checkpoint: lease?.checkpoint ?? null,
      leaseCounter: lease?.counter ?? null,
      renewedAt: renewedAt === null ? null : new Date(renewedAt).toISOString(),
      parentShardIds: parents,
      ...lag,
      condition,
      note: blockingParent ? `The parent ${blockingParent} is not at SHARD_END yet.` : lag.note,
    });
  }
  return {
    table: input.table,
    match: input.match,
    shards: rows,
    workers: [...new Set(input.leases.map((l) => l.owner).filter((o): o is string => o !== null))].sort(),
    worst: worstOf(rows),
  };
}

function noLag(note: string): CheckpointLag {
  return { checkpointArrivedAt: null, lagMillis: null, recordsBehind: null, note };
}

/** The shard that holds the application back most: the worst condition, then the longest lag. */
export function worstOf(rows: readonly ApplicationShard[]): Application['worst'] {
  const [worst] = [...rows].sort((a, b) => severity[b.condition] - severity[a.condition] || (b.lagMillis ?? -1) - (a.lagMillis ?? -1));
  if (!worst) return null;
  const lag = worst.lagMillis === null ? '' : worst.lagMillis <= 0 ? ', caught up' : `, ${formatLag(worst.lagMillis)} behind`;
  return {
    shardId: worst.shardId,
    condition: worst.condition,
    lagMillis: worst.lagMillis,
    text: describe[worst.condition](worst.shardId, lag),
  };
}

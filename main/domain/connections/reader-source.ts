import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { SessionOwner } from '../../core/sessions/session-owner';
import type { ConnectionManager } from './connection-manager';
import { createClientFor, describeTarget, liveReadBudget, type ConnectionTarget } from './target';
import type { ReadBudgets, ShardBudget } from '../engine/reader/read-budget';

/**
 * What a new reader of a stream gets, on its caller's connection: a client of its own and the
 * stream's shard budgets, shared with every reader of that connection in the process.
 */
export type ReaderSource = (
  owner: SessionOwner,
  stream: string,
  /** Another connection than the caller's active one (a run again on the connection it first used). */
  chosen?: ConnectionTarget,
) => { client: KinesisClient; budget: (shardId: string) => ShardBudget };

export function readerSource(connections: ConnectionManager, budgets: ReadBudgets): ReaderSource {
  return (owner, stream, chosen) => {
    const target = chosen ?? connections.target(owner);
    const active = chosen ? describeTarget(chosen) : connections.active(owner);
    // The engine paces and backs off itself: an SDK retry behind its back would spend the budget twice.
    const client = createClientFor(target, { maxAttempts: 1 });
    const scope = `${active.kind}|${active.label}|${active.region}|${active.endpoint ?? ''}`;
    return { client, budget: budgets.forStream(scope, stream, liveReadBudget(target)) };
  };
}

import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ConnectionManager } from '../connections/connection-manager';
import { createClientFor } from '../connections/target';
import type { ReadBudgets, ShardBudget } from './read-budget';

/** What a new reader of a stream gets: a client of its own and the stream's shared shard budgets. */
export type ReaderSource = (stream: string) => { client: KinesisClient; budget: (shardId: string) => ShardBudget };

export function readerSource(connections: ConnectionManager, budgets: ReadBudgets): ReaderSource {
  return (stream) => {
    const active = connections.active();
    // The engine paces and backs off itself: an SDK retry behind its back would spend the budget twice.
    const client = createClientFor(connections.target(), { maxAttempts: 1 });
    return { client, budget: budgets.forStream(`${active.kind}|${active.label}|${active.region}|${active.endpoint ?? ''}`, stream) };
  };
}

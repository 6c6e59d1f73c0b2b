import { randomUUID } from 'node:crypto';
import type { CheckpointMoveApply } from '../../shared/contract';
import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { SessionRegistry } from '../core/sessions/session-registry';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { MoveContext, planMove } from '../domain/consumers/checkpoint-move';
import type { ConsumersContext } from '../domain/consumers/consumers-report';
import { LeaseWatch } from '../domain/consumers/lease-watch';
import { leaseStoreUnavailable } from '../domain/side-services/availability';
import { listShards } from '../domain/engine/kinesis/stream-detail';
import { readShort } from '../domain/engine/reader/read-one';
import type { ReaderSource } from '../domain/connections/reader-source';
import { connectionIdentity, type PlanScope, type PlanTokens } from '../domain/plans/plan-tokens';
import { assertWritable } from '../domain/writes/write-guard';
import { writeTargetOf } from '../domain/writes/write-target';
import { cliTargetOf } from './admin';

type MoveInput = Parameters<typeof planMove>[1];
type ExpectedMoves = CheckpointMoveApply['expected'];

/** What a move's token is bound to: the move asked for, and the leases its plan moves, in a fixed order. */
function moveContent({ stream, table, shardId, to, quietSeconds }: MoveInput, expected: ExpectedMoves) {
  const leases = expected
    .map(({ leaseKey, leaseCounter, to: checkpoint }) => ({ leaseKey, leaseCounter, to: checkpoint }))
    .sort((a, b) => (a.leaseKey < b.leaseKey ? -1 : a.leaseKey > b.leaseKey ? 1 : 0));
  return { stream, table, shardId, to, quietSeconds, leases };
}

export function consumerHandlers(
  connections: ConnectionManager,
  sessions: SessionRegistry,
  reading: ReaderSource,
  tokens: PlanTokens,
): Pick<Handlers, 'consumers:report' | 'consumers:start' | 'consumers:stop' | 'consumers:quiet' | 'consumers:planMove' | 'consumers:move'> {
  // One per process: every read of a lease table tells it which leases are still renewed.
  const watch = new LeaseWatch();
  const scopeOf = (owner: SessionOwner, stream: string): PlanScope => ({
    kind: 'checkpoint-move',
    owner: owner.id,
    connection: connectionIdentity(connections.active(owner)),
    stream,
  });
  const contextFor = (owner: SessionOwner, stream: string): ConsumersContext => ({
    target: connections.target(owner),
    client: connections.client(owner),
    reader: reading(owner, stream),
    watch,
  });

  /** Runs a checkpoint move's step with the lease store, the shard map and the lag reader it needs, and releases them. */
  const withMoveContext = async <T>(owner: SessionOwner, input: MoveInput, body: (context: MoveContext) => Promise<T>): Promise<T> => {
    const target = connections.target(owner);
    const unavailable = leaseStoreUnavailable(target);
    if (unavailable) throw new AppError('unavailable', unavailable.reason, unavailable.remedy);
    const { openLeaseStore } = await import('../domain/side-services/lease-store');
    const store = await openLeaseStore(target);
    const reader = reading(owner, input.stream);
    try {
      const shards = await listShards(connections.client(owner), input.stream);
      const cli = { ...cliTargetOf(connections, owner), endpoint: target.dynamodbEndpoint ?? null };
      return await body({
        store,
        watch,
        shards,
        cli,
        reader: (shardId) => (start, limit) => readShort(reader.client, input.stream, shardId, start, reader.budget(shardId), limit),
      });
    } finally {
      store.client.destroy();
      reader.client.destroy();
    }
  };

  return {
    'consumers:report': async ({ stream, leaseTables }, owner) => {
      // The consumers domain (and the DynamoDB and Lambda clients) load when first asked for.
      const { consumersReport, forget } = await import('../domain/consumers/consumers-report');
      const context = contextFor(owner, stream);
      const memory = {};
      try {
        return await consumersReport(context, stream, leaseTables, memory);
      } finally {
        forget(memory);
        context.reader.client.destroy();
      }
    },
    'consumers:start': async ({ stream, leaseTables }, owner) => {
      const { ConsumersSession } = await import('../domain/consumers/consumers-session');
      const context = contextFor(owner, stream);
      const session = await sessions.start(
        new ConsumersSession(randomUUID(), owner, { context, stream, leaseTables, release: () => context.reader.client.destroy() }),
      );
      return { sessionId: session.id };
    },
    'consumers:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'consumers') }),
    'consumers:quiet': async (input, owner) => {
      // The first step of a move: a read-only connection refuses it before the table is watched.
      assertWritable(connections.active(owner), 'UpdateItem', input.table);
      const { leaseQuiet } = await import('../domain/consumers/checkpoint-move');
      return withMoveContext(owner, input, (context) => leaseQuiet(context, input));
    },
    'consumers:planMove': async (input, owner) => {
      const { planMove } = await import('../domain/consumers/checkpoint-move');
      const [plan, target] = await Promise.all([
        withMoveContext(owner, input, (context) => planMove(context, input)),
        writeTargetOf(connections.active(owner), connections.target(owner), connections.client(owner), input.stream),
      ]);
      // Issued for a blocked plan too: the move plans again and refuses while the blocker stands.
      return { ...plan, target, token: tokens.issue(scopeOf(owner, input.stream), moveContent(input, plan.changes)) };
    },
    'consumers:move': async (input, owner) => {
      // Said before anything is read; the DynamoDB client of a read-only connection refuses UpdateItem as well.
      assertWritable(connections.active(owner), 'UpdateItem', input.table);
      // The leases expected are checked against a fresh plan when the move is made.
      tokens.redeem(input.token, scopeOf(owner, input.stream), moveContent(input, input.expected));
      const { applyMove } = await import('../domain/consumers/checkpoint-move');
      return withMoveContext(owner, input, (context) => applyMove(context, input));
    },
  };
}

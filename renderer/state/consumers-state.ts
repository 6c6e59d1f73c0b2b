import type {
  CallOutput,
  CheckpointMoveApply,
  CheckpointMoveInput,
  ConsumersReport,
  ConsumersSample,
  LeaseQuiet,
} from '../../shared/contract';
import type { QueryState } from '../api/query-state';

/** One sample of every application's lag per shard: `lags[table][shardId]`, null where unknown. */
export interface LagPoint {
  time: number;
  lags: Record<string, Record<string, number | null>>;
}

export interface ConsumersSlice {
  consumersStream: string | null;
  consumersSession: string | null;
  consumersReport: ConsumersReport | null;
  consumersError: string | null;
  /** The watch whose start has not answered yet (its number), or null. */
  pendingConsumers: number | null;
  lagHistory: LagPoint[];
  /** Lease tables the user named for this stream; none: Shardscope looks for them. */
  leaseTables: string[];
  watchConsumers(stream: string, leaseTables?: string[]): Promise<void>;
  stopConsumers(): Promise<void>;
  receiveConsumersSample(sample: ConsumersSample): void;
  /** The checkpoint move being prepared: one shard of an application, or all of them. */
  moveDialog: { stream: string; table: string; shardId: string | null } | null;
  openMoveDialog(dialog: { stream: string; table: string; shardId: string | null }): void;
  movePlan: QueryState<CallOutput<'consumers:planMove'>> | null;
  /** The fields the plan shown was made for (their JSON): only that plan may be confirmed. */
  movePlanFor: string | null;
  planCheckpointMove(input: CheckpointMoveInput): Promise<void>;
  /** Whether the table is quiet yet, reading its leases only: polled while a move waits. */
  checkLeaseQuiet(input: CheckpointMoveInput): Promise<LeaseQuiet | null>;
  /** Moves as planned; the plan is computed again in main, so a renewal since refuses it. */
  moveCheckpoints(input: CheckpointMoveApply): Promise<{ moved: number } | { error: string }>;
  closeMovePlan(): void;
}

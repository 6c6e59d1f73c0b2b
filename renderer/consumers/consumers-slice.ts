import type {
  CallOutput,
  CheckpointMoveApply,
  CheckpointMoveInput,
  ConsumersReport,
  ConsumersSample,
  LeaseQuiet,
} from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import { loading, settle, type QueryState } from '../api/query-state';
import type { SliceCreator } from '../app/store';

/** An hour of history at one sample every five seconds. */
export const LAG_HISTORY_POINTS = 720;

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

/** The lags of one report, by table and shard. */
export function lagPointOf(report: ConsumersReport): LagPoint {
  const lags: LagPoint['lags'] = {};
  for (const app of report.applications.items) lags[app.table] = Object.fromEntries(app.shards.map((s) => [s.shardId, s.lagMillis]));
  return { time: Date.parse(report.time), lags };
}

export const createConsumersSlice: SliceCreator<ConsumersSlice> = (api) => (set, get) => {
  // Each watch and each stop takes a new number: a start that answers after a later one is stopped.
  let generation = 0;
  // Only the newest plan request may land: a slow one (a time, read shard by shard) must not replace a later one.
  let planRequest = 0;
  return {
    consumersStream: null,
    consumersSession: null,
    consumersReport: null,
    consumersError: null,
    lagHistory: [],
    leaseTables: [],
    async watchConsumers(stream, leaseTables = get().consumersStream === stream ? get().leaseTables : []) {
      await get().stopConsumers();
      const mine = ++generation;
      set({ consumersStream: stream, leaseTables, consumersReport: null, consumersError: null, lagHistory: [], pendingConsumers: mine });
      try {
        const { sessionId } = await unwrap(api.consumers.start({ stream, leaseTables }));
        // A later watch, or a stop, came while this one started: nobody shows this session.
        if (mine !== generation) {
          await api.consumers.stop({ sessionId });
          return;
        }
        set({ consumersSession: sessionId, pendingConsumers: null });
      } catch (error) {
        if (mine === generation) set({ consumersError: messageOf(error), pendingConsumers: null });
      }
    },
    async stopConsumers() {
      generation++;
      const sessionId = get().consumersSession;
      set({ consumersSession: null, pendingConsumers: null });
      if (sessionId) await api.consumers.stop({ sessionId });
    },
    pendingConsumers: null,
    receiveConsumersSample({ sessionId, report }) {
      // The first sample arrives before start() answers: taken while the newest start is pending, for its stream.
      const current = get().consumersSession;
      const mine =
        current !== null ? sessionId === current : get().pendingConsumers === generation && report.stream === get().consumersStream;
      if (!mine) return;
      const history = [...get().lagHistory, lagPointOf(report)];
      set({ consumersReport: report, lagHistory: history.length > LAG_HISTORY_POINTS ? history.slice(-LAG_HISTORY_POINTS) : history });
    },
    moveDialog: null,
    openMoveDialog(moveDialog) {
      set({ moveDialog, movePlan: null });
    },
    movePlan: null,
    movePlanFor: null,
    async planCheckpointMove(input) {
      const request = ++planRequest;
      set({ movePlan: loading, movePlanFor: null });
      const plan = await settle(api.consumers.planMove(input));
      if (request === planRequest) set({ movePlan: plan, movePlanFor: JSON.stringify(input) });
    },
    async checkLeaseQuiet(input) {
      const answer = await settle(api.consumers.quiet(input));
      return answer.status === 'ok' ? answer.data : null;
    },
    async moveCheckpoints(input) {
      try {
        const { moved } = await unwrap(api.consumers.move(input));
        set({ movePlan: null, moveDialog: null });
        return { moved };
      } catch (error) {
        return { error: messageOf(error) };
      }
    },
    closeMovePlan() {
      planRequest++;
      set({ movePlan: null, movePlanFor: null, moveDialog: null });
    },
  };
};

import type { CheckpointMoveInput, CheckpointMovePlan, ConsumersReport, ConsumersSample } from '../../shared/contract';
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
  lagHistory: LagPoint[];
  /** Lease tables the user named for this stream; none: Shardscope looks for them. */
  leaseTables: string[];
  watchConsumers(stream: string, leaseTables?: string[]): Promise<void>;
  stopConsumers(): Promise<void>;
  receiveConsumersSample(sample: ConsumersSample): void;
  /** The checkpoint move being prepared: one shard of an application, or all of them. */
  moveDialog: { stream: string; table: string; shardId: string | null } | null;
  openMoveDialog(dialog: { stream: string; table: string; shardId: string | null }): void;
  movePlan: QueryState<CheckpointMovePlan> | null;
  planCheckpointMove(input: CheckpointMoveInput): Promise<void>;
  /** Moves as planned; the plan is computed again in main, so a renewal since refuses it. */
  moveCheckpoints(input: CheckpointMoveInput): Promise<{ moved: number } | { error: string }>;
  closeMovePlan(): void;
}

/** The lags of one report, by table and shard. */
export function lagPointOf(report: ConsumersReport): LagPoint {
  const lags: LagPoint['lags'] = {};
  for (const app of report.applications.items) lags[app.table] = Object.fromEntries(app.shards.map((s) => [s.shardId, s.lagMillis]));
  return { time: Date.parse(report.time), lags };
}

export const createConsumersSlice: SliceCreator<ConsumersSlice> = (api) => (set, get) => ({
  consumersStream: null,
  consumersSession: null,
  consumersReport: null,
  consumersError: null,
  lagHistory: [],
  leaseTables: [],
  async watchConsumers(stream, leaseTables = get().consumersStream === stream ? get().leaseTables : []) {
    await get().stopConsumers();
    set({ consumersStream: stream, leaseTables, consumersReport: null, consumersError: null, lagHistory: [] });
    try {
      const { sessionId } = await unwrap(api.consumers.start({ stream, leaseTables }));
      // A later choice of stream won while this one started: stop the one nobody shows.
      if (get().consumersStream !== stream || get().consumersSession) {
        await api.consumers.stop({ sessionId });
        return;
      }
      set({ consumersSession: sessionId });
    } catch (error) {
      if (get().consumersStream === stream) set({ consumersError: messageOf(error) });
    }
  },
  async stopConsumers() {
    const sessionId = get().consumersSession;
    if (!sessionId) return;
    set({ consumersSession: null });
    await api.consumers.stop({ sessionId });
  },
  receiveConsumersSample({ sessionId, report }) {
    // The first sample arrives before start() answers: take it when it is for the stream shown.
    const mine = sessionId === get().consumersSession || (get().consumersSession === null && report.stream === get().consumersStream);
    if (!mine) return;
    const history = [...get().lagHistory, lagPointOf(report)];
    set({ consumersReport: report, lagHistory: history.length > LAG_HISTORY_POINTS ? history.slice(-LAG_HISTORY_POINTS) : history });
  },
  moveDialog: null,
  openMoveDialog(moveDialog) {
    set({ moveDialog, movePlan: null });
  },
  movePlan: null,
  async planCheckpointMove(input) {
    set({ movePlan: loading });
    set({ movePlan: await settle(api.consumers.planMove(input)) });
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
    set({ movePlan: null, moveDialog: null });
  },
});

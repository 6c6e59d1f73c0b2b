import type { ConsumersReport } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import { loading, settle } from '../api/query-state';
import type { SliceCreator } from '../state/store';
import type { ConsumersSlice, LagPoint } from '../state/consumers-state';

/** An hour of history at one sample every five seconds. */
export const LAG_HISTORY_POINTS = 720;

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

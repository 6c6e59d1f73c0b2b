import { capacityLoadOf } from '../../../../shared/contract/heat';
import { settle } from '../../../api/query-state';
import { createSessionSlice } from '../../../state/create-session-slice';
import type { HeatSlice } from '../../../state/heat-state';
import type { SliceCreator } from '../../../state/store';

/** CloudWatch needs a window that ends after it starts: a report of one instant is widened to its minute. */
function throttlingWindow(first: string, last: string): { from: string; until: string } {
  const from = Math.floor(Date.parse(first) / 60_000) * 60_000;
  const until = Math.max(Date.parse(last), from + 60_000);
  return { from: new Date(from).toISOString(), until: new Date(until).toISOString() };
}

export const createHeatSlice: SliceCreator<HeatSlice> = (api) => (set, get) => {
  const session = createSessionSlice(set, get, api.heat, { id: 'heatSession', error: 'heatError' });
  return {
    heatSession: null,
    heatStream: null,
    heatInput: null,
    heatProgress: null,
    heatError: null,
    heatReport: null,
    heatStopReason: null,
    heatThrottling: null,
    heatCapacity: null,
    async startHeat(input) {
      await get().stopHeat();
      await session.start(
        input,
        {
          heatProgress: null,
          heatReport: null,
          heatStopReason: null,
          heatThrottling: null,
          heatCapacity: null,
          heatInput: input,
          heatStream: input.stream,
        },
        {},
      );
    },
    stopHeat: session.stop,
    receiveHeatProgress(progress) {
      session.receive(progress, (heatProgress) => ({ heatProgress }));
    },
    receiveHeatStatus(status) {
      if (status.sessionId !== get().heatSession || status.state !== 'stopped') return;
      const report = status.result?.kind === 'heat' ? status.result.report : null;
      set({ heatReport: report, heatStopReason: status.stoppedBy === 'user' || status.stoppedBy === 'completed' ? null : status.reason });
      if (!report?.firstArrival || !report.lastArrival) return;
      set({ heatThrottling: { status: 'loading' }, heatCapacity: { status: 'loading' } });
      void settle(api.capacity.estimate({ name: report.stream, load: capacityLoadOf(report) })).then((heatCapacity) => {
        if (get().heatReport === report) set({ heatCapacity });
      });
      const window = throttlingWindow(report.firstArrival, report.lastArrival);
      void settle(api.capacity.shardThrottling({ name: report.stream, ...window })).then((heatThrottling) => {
        // A newer heat may have started while CloudWatch answered: its figures are not this one's.
        if (get().heatReport === report) set({ heatThrottling });
      });
    },
  };
};

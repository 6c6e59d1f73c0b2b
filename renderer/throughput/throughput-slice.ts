import { loading, settle } from '../api/query-state';
import { createSessionSlice } from '../state/create-session-slice';
import type { SliceCreator } from '../state/store';
import type { ThroughputSlice } from '../state/throughput-state';

/** Fifteen minutes at one sample a second. */
export const WINDOW_SAMPLES = 900;

export const createThroughputSlice: SliceCreator<ThroughputSlice> = (api) => (set, get) => {
  const session = createSessionSlice(set, get, api.metrics, { id: 'metricsSession', error: 'metricsError', forgetOnStop: true });
  return {
    metricsStream: '',
    metricsSession: null,
    samples: [],
    metricsError: null,
    frozenSamples: null,
    setMetricsStream(metricsStream) {
      set({ metricsStream });
    },
    async startMetrics() {
      await get().stopMetrics();
      await session.start({ stream: get().metricsStream.trim() }, { samples: [], frozenSamples: null });
    },
    stopMetrics: session.stop,
    receiveSample(sample) {
      session.receive(sample, () => {
        const samples = get().samples;
        return {
          samples:
            samples.length >= WINDOW_SAMPLES ? [...samples.slice(samples.length - WINDOW_SAMPLES + 1), sample] : [...samples, sample],
        };
      });
    },
    setChartsPaused(paused) {
      set({ frozenSamples: paused ? get().samples : null });
    },
    cloudWatch: null,
    async loadCloudWatch(stream) {
      set({ cloudWatch: { stream, history: loading } });
      const history = await settle(api.metrics.cloudwatch({ name: stream }));
      // A later choice of stream wins over a slow answer for the one before.
      if (get().cloudWatch?.stream === stream) set({ cloudWatch: { stream, history } });
    },
  };
};

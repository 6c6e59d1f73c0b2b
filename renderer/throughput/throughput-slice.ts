import { messageOf, unwrap } from '../api/api-error';
import { loading, settle } from '../api/query-state';
import type { SliceCreator } from '../state/store';
import type { ThroughputSlice } from '../state/throughput-state';

/** Fifteen minutes at one sample a second. */
export const WINDOW_SAMPLES = 900;

export const createThroughputSlice: SliceCreator<ThroughputSlice> = (api) => (set, get) => ({
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
    set({ samples: [], metricsError: null, frozenSamples: null });
    try {
      const { sessionId } = await unwrap(api.metrics.start({ stream: get().metricsStream.trim() }));
      set({ metricsSession: sessionId });
    } catch (error) {
      set({ metricsError: messageOf(error) });
    }
  },
  async stopMetrics() {
    const sessionId = get().metricsSession;
    if (!sessionId) return;
    set({ metricsSession: null });
    await api.metrics.stop({ sessionId });
  },
  receiveSample(sample) {
    if (sample.sessionId !== get().metricsSession) return;
    const samples = get().samples;
    set({
      samples: samples.length >= WINDOW_SAMPLES ? [...samples.slice(samples.length - WINDOW_SAMPLES + 1), sample] : [...samples, sample],
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
});

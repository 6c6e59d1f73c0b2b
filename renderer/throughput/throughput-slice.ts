import type { CloudWatchSeries, MetricsSample } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import { loading, settle, type QueryState } from '../api/query-state';
import type { SliceCreator } from '../app/store';

/** Fifteen minutes at one sample a second. */
export const WINDOW_SAMPLES = 900;

export interface ThroughputSlice {
  metricsStream: string;
  metricsSession: string | null;
  samples: MetricsSample[];
  metricsError: string | null;
  /** The picture the charts hold while paused; samples keep arriving underneath. */
  frozenSamples: MetricsSample[] | null;
  setMetricsStream(name: string): void;
  startMetrics(): Promise<void>;
  stopMetrics(): Promise<void>;
  receiveSample(sample: MetricsSample): void;
  setChartsPaused(paused: boolean): void;
  /** CloudWatch's last three hours for the stream the page shows. */
  cloudWatch: { stream: string; history: QueryState<CloudWatchSeries> } | null;
  loadCloudWatch(stream: string): Promise<void>;
}

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

import type { CloudWatchSeries, MetricsSample } from '../../shared/contract';
import type { QueryState } from '../api/query-state';

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

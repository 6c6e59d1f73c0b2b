import type { CapacityEstimate, HeatInput, HeatProgress, HeatReport, SessionStatus, ShardThrottling } from '../../shared/contract';
import type { QueryState } from '../api/query-state';

export interface HeatSlice {
  heatSession: string | null;
  /** The stream the heat reads: the view shows its report only on that stream's detail. */
  heatStream: string | null;
  heatInput: HeatInput | null;
  heatProgress: HeatProgress | null;
  heatError: string | null;
  /** Set once the session stops, from its last status: what was read, however it ended. */
  heatReport: HeatReport | null;
  /** Why the heat stopped by itself, when it did. */
  heatStopReason: string | null;
  /** CloudWatch's throttling of each shard over the report's window; unavailable on local endpoints. */
  heatThrottling: QueryState<ShardThrottling> | null;
  /** The shards and monthly cost the window's load needs; null before a report with records. */
  heatCapacity: QueryState<CapacityEstimate> | null;
  startHeat(input: HeatInput): Promise<void>;
  stopHeat(): Promise<void>;
  receiveHeatProgress(progress: HeatProgress): void;
  receiveHeatStatus(status: SessionStatus): void;
}

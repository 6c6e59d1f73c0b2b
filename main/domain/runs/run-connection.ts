import type { RunConnection } from '../../../shared/contract/runs';
import { describeTarget, type ConnectionTarget } from '../connections/target';

/** What a run's summary keeps of its connection: how to name and find it again, no budget, no secret. */
export function runConnectionOf(target: ConnectionTarget): RunConnection {
  const { kind, profile, label, region, endpoint } = describeTarget(target);
  return { kind, profile, label, region, endpoint };
}

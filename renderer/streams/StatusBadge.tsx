import type { StreamSummary } from '../../shared/contract';

export function StatusBadge({ status }: { status: StreamSummary['status'] }) {
  return <span className={`badge badge--${status.toLowerCase()}`}>{status}</span>;
}

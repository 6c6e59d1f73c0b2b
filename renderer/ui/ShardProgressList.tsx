const number = new Intl.NumberFormat();

export interface ShardProgress {
  shardId: string;
  state: string;
  records: number;
  lastArrival: string | null;
  /** 0 to 1 where it can be known; null draws an indeterminate bar while the work goes on. */
  fraction: number | null;
}

/** Each shard's bar, records and state: how far a run or a search is through its range. */
export function ShardProgressList({
  label,
  shards,
  running,
  stoppedValue,
}: {
  label: string;
  shards: readonly ShardProgress[];
  running: boolean;
  stoppedValue: number;
}) {
  return (
    <ul className="run-shards" aria-label={label}>
      {shards.map((shard) => (
        <li key={shard.shardId} className="run-shard">
          <span className="mono">{shard.shardId}</span>
          <progress
            className="run-bar"
            max={1}
            value={shard.fraction ?? (running ? undefined : stoppedValue)}
            aria-label={`${shard.shardId} progress`}
          />
          <span className="muted">
            {number.format(shard.records)} records · {shard.state}
            {shard.lastArrival ? ` · up to ${new Date(shard.lastArrival).toLocaleString()}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

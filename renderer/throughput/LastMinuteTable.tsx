import type { MetricsSample } from '../../shared/contract';
import { shortShardId } from '../../shared/format';
import { formatBytes, formatRate } from './format';

/**
 * The charts' text alternative: the last minute of samples as a table, per shard, on request
 * (a closed <details> costs nothing to render until opened).
 */
export function LastMinuteTable({ samples, shardIds }: { samples: readonly MetricsSample[]; shardIds: readonly string[] }) {
  const recent = samples.slice(-60).reverse();
  return (
    <details className="last-minute">
      <summary>The last minute as a table</summary>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="The last minute, scrollable">
        <table className="table" aria-label="Records a second per shard, the last minute">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col" className="table__number">
                Records/s
              </th>
              <th scope="col" className="table__number">
                Bytes/s
              </th>
              {shardIds.map((id) => (
                <th key={id} scope="col" className="table__number">
                  {shortShardId(id)} records/s
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {recent.map((sample) => (
              <tr key={sample.time}>
                <td>{new Date(sample.time).toLocaleTimeString()}</td>
                <td className="table__number">{formatRate(sample.recordsPerSecond)}</td>
                <td className="table__number">{formatBytes(sample.bytesPerSecond)}</td>
                {shardIds.map((id) => (
                  <td key={id} className="table__number">
                    {formatRate(sample.shards.find((s) => s.shardId === id)?.recordsPerSecond ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

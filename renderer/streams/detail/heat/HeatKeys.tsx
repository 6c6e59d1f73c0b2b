import type { HeatKey } from '../../../../shared/contract';
import { formatSize } from '../../../../shared/format';

const percent = (share: number) => `${(share * 100).toFixed(share >= 0.1 ? 0 : 1)} %`;
/** The sketch's bound: the true figure lies between count − error and count. */
const bounded = (count: number, error: number, format: (n: number) => string) =>
  error > 0 ? `${format(count)} (−${format(error)})` : format(count);

/** The heaviest keys by bytes, with their share and the sketch's error bound. */
export function HeatKeys({ keys, label }: { keys: readonly HeatKey[]; label: string }) {
  if (keys.length === 0) return <p className="muted">No keys in this window.</p>;
  return (
    <table className="table heat__keys" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Partition key</th>
          <th scope="col">Share of bytes</th>
          <th scope="col">Bytes</th>
          <th scope="col">User records</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key, i) => (
          <tr key={`${i}-${key.partitionKey}-${key.hashKey ?? ''}`}>
            <td>{i + 1}</td>
            <td className="mono">
              {key.partitionKey || <span className="muted">(empty)</span>}
              {key.explicitHashKey && <span className="muted"> · explicit hash key {key.explicitHashKey}</span>}
              {key.masked && <span className="muted"> · masked</span>}
            </td>
            <td>
              <span className="heat__share" aria-hidden="true">
                <span style={{ width: `${Math.min(100, key.share * 100)}%` }} />
              </span>{' '}
              {percent(key.share)}
            </td>
            <td>{bounded(key.bytes.count, key.bytes.error, formatSize)}</td>
            <td>{bounded(key.userRecords.count, key.userRecords.error, (n) => n.toLocaleString())}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export { percent };

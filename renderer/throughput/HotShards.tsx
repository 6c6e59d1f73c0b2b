import type { MetricsSample } from '../../shared/contract';
import { useAppStore } from '../state/store';
import { formatRate } from './format';

/** Shards far busier than the rest, or close to a limit, with the keys that make them so. */
export function HotShards({ sample, stream }: { sample: MetricsSample; stream: string }) {
  const openChange = useAppStore((s) => s.openChange);
  const flagged = sample.shards.filter((s) => s.hot || s.nearLimit);
  if (flagged.length === 0) return <p className="muted">No hot shard: no shard reads more than twice the mean, none is near a limit.</p>;
  return (
    <ul className="plain-list hot-shards" aria-label="Hot shards">
      {flagged.map((s) => (
        <li key={s.shardId}>
          <span className="mono">{s.shardId}</span> {formatRate(s.recordsPerSecond)} records/s{s.hot ? ', more than twice the mean' : ''}
          {s.nearLimit ? `, ${s.nearLimit}` : ''}. Top keys:{' '}
          {s.topKeys.map((k) => `${k.key} (${Math.round(k.share * 100)}%)`).join(', ') || '–'}{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => openChange({ kind: 'split', stream, shardId: s.shardId })}
            aria-label={`Split ${s.shardId} here`}
          >
            Split here
          </button>
        </li>
      ))}
    </ul>
  );
}

import type { HeatReport } from '../../../../shared/contract';
import { formatSize, shortShardId } from '../../../../shared/format';
import { useAppStore } from '../../../state/store';
import { percent } from './HeatKeys';

const rate = (n: number) => Math.round(n).toLocaleString();

/** What to do: splits where a split halves the load, keys no split can fix, cold neighbours to merge. Apply opens the usual plan and confirmation. */
export function HeatSuggestions({ report }: { report: HeatReport }) {
  const openChange = useAppStore((s) => s.openChange);
  const { splits, merges, hotKeys } = report.suggestions;
  if (splits.length + merges.length + hotKeys.length === 0)
    return <p className="muted">No suggestions: no shard is near its limits and no two neighbours are cold enough to merge.</p>;
  return (
    <ul className="plain-list heat__suggestions" aria-label="Suggestions">
      {splits.map((s) => (
        <li key={s.id} className="heat__suggestion" aria-label={`Split ${s.shardId}`}>
          <p>
            <strong>Split {shortShardId(s.shardId)}</strong> ({s.reason === 'over-limit' ? 'over its limits' : 'near its limits'}) at hash
            key <span className="mono">{s.split.hashKey}</span>, halving its {s.split.measure}:
          </p>
          <ul className="plain-list">
            {s.split.children.map((child, i) => (
              <li key={child.hashKeyRange.start}>
                {i === 0 ? 'Lower' : 'Upper'} child: {percent(child.share)} of the load, about {rate(child.peak.recordsPerSecond)} records/s
                and {formatSize(child.peak.bytesPerSecond)}/s at peak
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--small"
            aria-label={`Apply the split of ${s.shardId}…`}
            onClick={() => openChange({ kind: 'split', stream: report.stream, shardId: s.shardId, hashKey: s.split.hashKey })}
          >
            Apply…
          </button>
        </li>
      ))}
      {hotKeys.map((k) => (
        <li key={k.id} className="heat__suggestion heat__suggestion--hot" aria-label={`Too hot: a key of ${k.shardId}`}>
          <p>
            <strong className="mono">“{k.key.partitionKey}”</strong> is too hot for any shard:{' '}
            {k.reason === 'over-limit'
              ? 'alone it passes the write limits'
              : `it is more than half of ${shortShardId(k.shardId)}, so no split halves it`}
            .
          </p>
          <p>
            About {rate(k.peak.recordsPerSecond)} records/s and {formatSize(k.peak.bytesPerSecond)}/s at peak. Salt it: add a suffix 0…
            {k.salts - 1} to the key when writing, making {k.salts} keys of about {rate(k.perSalt.recordsPerSecond)} records/s and{' '}
            {formatSize(k.perSalt.bytesPerSecond)}/s each; readers that need its order read the {k.salts} keys together.
          </p>
        </li>
      ))}
      {merges.map((m) => (
        <li key={m.id} className="heat__suggestion" aria-label={`Merge ${m.shardId} with ${m.adjacentShardId}`}>
          <p>
            <strong>
              Merge {shortShardId(m.shardId)} with {shortShardId(m.adjacentShardId)}
            </strong>
            : together at most {rate(m.peak.recordsPerSecond)} records/s and {formatSize(m.peak.bytesPerSecond)}/s at their busiest second.
          </p>
          <button
            type="button"
            className="button button--small"
            aria-label={`Apply the merge of ${m.shardId} with ${m.adjacentShardId}…`}
            onClick={() => openChange({ kind: 'merge', stream: report.stream, shardId: m.shardId, adjacentShardId: m.adjacentShardId })}
          >
            Apply…
          </button>
        </li>
      ))}
    </ul>
  );
}

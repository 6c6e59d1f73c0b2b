import { useMemo } from 'react';
import type { Shard } from '../../../shared/contract';
import { buildLineage, keySpaceShare } from '../../../shared/lineage';

const shortKey = (key: string) => (key.length > 12 ? `${key.slice(0, 6)}…${key.slice(-4)}` : key);

/** Every shard as a family tree: a resharded stream's history reads top to bottom. */
export function ShardMap({
  shards,
  highlight,
  onSplit,
  onMerge,
}: {
  shards: Shard[];
  highlight?: string | null;
  onSplit?(shardId: string): void;
  onMerge?(shardId: string, adjacentShardId: string): void;
}) {
  const rows = useMemo(() => buildLineage(shards), [shards]);
  // Each open shard's open neighbour above it in the key space: the one it can merge with.
  const nextOpen = useMemo(() => {
    const open = shards.filter((s) => s.open);
    return new Map(
      open.flatMap((s) => {
        const next = open.find((o) => BigInt(o.hashKeyRange.start) === BigInt(s.hashKeyRange.end) + 1n);
        return next ? [[s.shardId, next.shardId] as const] : [];
      }),
    );
  }, [shards]);
  const open = shards.filter((s) => s.open).length;
  return (
    <>
      <p className="muted">
        {open} open, {shards.length - open} closed. Children sit under their parents; a merge shows under both.
      </p>
      <ul className="lineage" aria-label="Shard lineage">
        {rows.map((row) =>
          row.kind === 'merged-into' ? (
            <li key={`${row.from}->${row.into}`} className={`lineage__row lineage__row--depth-${Math.min(row.depth, 8)} lineage__ref`}>
              ↳ merged into <span className="mono">{row.into}</span>
            </li>
          ) : (
            <li
              key={row.shard.shardId}
              className={`lineage__row lineage__row--depth-${Math.min(row.depth, 8)}${row.shard.shardId === highlight ? ' lineage__row--highlight' : ''}`}
              aria-label={`${row.shard.shardId}, ${row.shard.open ? 'open' : 'closed'}`}
            >
              <span className="mono lineage__id">{row.shard.shardId}</span>
              <span className={row.shard.open ? 'badge badge--active' : 'badge badge--unknown'}>{row.shard.open ? 'open' : 'closed'}</span>
              <span className="lineage__share">{keySpaceShare(row.shard.hashKeyRange.start, row.shard.hashKeyRange.end)}% of keys</span>
              <span className="muted mono" title={`${row.shard.hashKeyRange.start} – ${row.shard.hashKeyRange.end}`}>
                {shortKey(row.shard.hashKeyRange.start)} – {shortKey(row.shard.hashKeyRange.end)}
              </span>
              <span
                className="muted mono"
                title={`${row.shard.sequenceNumberRange.start} – ${row.shard.sequenceNumberRange.end ?? 'open'}`}
              >
                seq {shortKey(row.shard.sequenceNumberRange.start)} –{' '}
                {row.shard.sequenceNumberRange.end ? shortKey(row.shard.sequenceNumberRange.end) : '…'}
              </span>
              {row.mergedWith && <span className="muted">merged with {row.mergedWith}</span>}
              {row.shard.open && onSplit && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onSplit(row.shard.shardId)}
                  aria-label={`Split ${row.shard.shardId}`}
                >
                  Split
                </button>
              )}
              {row.shard.open && onMerge && nextOpen.has(row.shard.shardId) && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onMerge(row.shard.shardId, nextOpen.get(row.shard.shardId)!)}
                  aria-label={`Merge ${row.shard.shardId} with ${nextOpen.get(row.shard.shardId)}`}
                >
                  Merge with next
                </button>
              )}
              {row.expiredParent && <span className="muted">parent {row.expiredParent} past retention</span>}
            </li>
          ),
        )}
      </ul>
    </>
  );
}

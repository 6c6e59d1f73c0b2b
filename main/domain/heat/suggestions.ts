import { SHARD_WRITE_LIMITS, type HeatReport, type HeatShard, type HotKey } from '../../../shared/contract/heat';

/** A shard whose busiest second reached this share of a limit is hot even without a second over it. */
export const HOT_SHARE = 0.8;
/** Two shards are merged only when their peaks added stay under this share of the limits. */
export const MERGE_SHARE = 0.5;

const { recordsPerSecond: RECORDS, bytesPerSecond: BYTES } = SHARD_WRITE_LIMITS;

/** The larger of a shard's two peaks, as a share of its limit. */
const utilisation = (s: HeatShard) => Math.max(s.peak.recordsPerSecond / RECORDS, s.peak.bytesPerSecond / BYTES);

/** A shard that needs relief: a second over a limit, or a busiest second near one. */
const isHot = (s: HeatShard) => s.secondsOverLimit.either > 0 || utilisation(s) >= HOT_SHARE;

/**
 * The heaviest key of a shard when it alone is a problem: over a write limit at the shard's
 * peak, or more than half of a hot shard, so that no split can halve it (in a cold shard a
 * dominant key harms nothing, and advice to salt it would only be noise). Its rate is estimated as its
 * share of the shard times the shard's busiest second. Salting spreads it over enough keys that
 * each stays under half a shard's limits.
 */
function hotKeyOf(shard: HeatShard): HotKey | null {
  const key = shard.topKeys[0];
  if (!key || shard.totals.userRecords === 0) return null;
  const share = Math.max(key.share, key.userRecords.count / shard.totals.userRecords);
  const peak = {
    recordsPerSecond: (shard.peak.recordsPerSecond * key.userRecords.count) / shard.totals.userRecords,
    bytesPerSecond: (shard.peak.bytesPerSecond * key.bytes.count) / Math.max(1, shard.totals.bytes),
  };
  const overLimit = peak.recordsPerSecond > RECORDS || peak.bytesPerSecond > BYTES;
  if (!overLimit && (share <= 0.5 || !isHot(shard))) return null;
  const salts = Math.max(
    2,
    Math.ceil(Math.max(peak.recordsPerSecond / (RECORDS * MERGE_SHARE), peak.bytesPerSecond / (BYTES * MERGE_SHARE))),
  );
  return {
    id: `salt:${shard.shardId}`,
    shardId: shard.shardId,
    key,
    reason: overLimit ? 'over-limit' : 'over-half',
    peak,
    salts,
    perSalt: { recordsPerSecond: peak.recordsPerSecond / salts, bytesPerSecond: peak.bytesPerSecond / salts },
  };
}

/** Open shards whose ranges touch, both cold enough that together they stay under half the limits; each shard in one pair at most. */
function merges(stream: string, shards: readonly HeatShard[]): HeatReport['suggestions']['merges'] {
  const open = shards.filter((s) => s.open).sort((a, b) => (BigInt(a.hashKeyRange.start) < BigInt(b.hashKeyRange.start) ? -1 : 1));
  const out: HeatReport['suggestions']['merges'] = [];
  for (let i = 0; i + 1 < open.length; i++) {
    const [a, b] = [open[i]!, open[i + 1]!];
    if (BigInt(a.hashKeyRange.end) + 1n !== BigInt(b.hashKeyRange.start)) continue;
    const peak = {
      recordsPerSecond: a.peak.recordsPerSecond + b.peak.recordsPerSecond,
      bytesPerSecond: a.peak.bytesPerSecond + b.peak.bytesPerSecond,
    };
    if (peak.recordsPerSecond >= RECORDS * MERGE_SHARE || peak.bytesPerSecond >= BYTES * MERGE_SHARE) continue;
    out.push({
      id: `merge:${a.shardId}+${b.shardId}`,
      shardId: a.shardId,
      adjacentShardId: b.shardId,
      peak,
      change: { type: 'merge', stream, shardId: a.shardId, adjacentShardId: b.shardId },
    });
    i++;
  }
  return out;
}

/** What to do about the heat: split the hot shards where a split helps, salt the keys no split can fix, merge cold neighbours. */
export function suggest(stream: string, shards: readonly HeatShard[]): HeatReport['suggestions'] {
  const hotKeys = shards.filter((s) => s.open).flatMap((s) => hotKeyOf(s) ?? []);
  const unsplittable = new Set(hotKeys.filter((k) => k.reason === 'over-half' || k.key.share > 0.5).map((k) => k.shardId));
  const splits = shards.flatMap((shard) => {
    const over = shard.secondsOverLimit.either > 0;
    if (!shard.split || unsplittable.has(shard.shardId) || !isHot(shard)) return [];
    return [
      {
        id: `split:${shard.shardId}`,
        shardId: shard.shardId,
        split: shard.split,
        reason: over ? ('over-limit' as const) : ('near-limit' as const),
        change: { type: 'split' as const, stream, shardId: shard.shardId, at: { type: 'hash' as const, hashKey: shard.split.hashKey } },
      },
    ];
  });
  return { splits, merges: merges(stream, shards), hotKeys };
}

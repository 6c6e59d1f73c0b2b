import type { Shard } from './contract/streams';

export type LineageRow =
  | {
      kind: 'shard';
      shard: Shard;
      depth: number;
      /** The other parent, for a shard made by a merge. */ mergedWith: string | null;
      /** A parent past retention, no longer listed. */ expiredParent: string | null;
    }
  | { kind: 'merged-into'; depth: number; from: string; into: string };

const byHashStart = (a: Shard, b: Shard) => {
  const [x, y] = [BigInt(a.hashKeyRange.start), BigInt(b.hashKeyRange.start)];
  return x < y ? -1 : x > y ? 1 : a.shardId.localeCompare(b.shardId);
};

/**
 * The shard map as an indented family tree: each child under its parent, splits in key order.
 * A merged shard sits under its parent and names the adjacent parent, under which a
 * "merged into" row points back, so both lines of descent stay visible.
 */
export function buildLineage(shards: readonly Shard[]): LineageRow[] {
  const byId = new Map(shards.map((shard) => [shard.shardId, shard]));
  const children = new Map<string, Shard[]>();
  const mergedInto = new Map<string, Shard[]>();
  const roots: Shard[] = [];
  for (const shard of shards) {
    if (shard.parentShardId && byId.has(shard.parentShardId)) {
      children.set(shard.parentShardId, [...(children.get(shard.parentShardId) ?? []), shard]);
    } else {
      roots.push(shard);
    }
    if (shard.adjacentParentShardId && byId.has(shard.adjacentParentShardId)) {
      mergedInto.set(shard.adjacentParentShardId, [...(mergedInto.get(shard.adjacentParentShardId) ?? []), shard]);
    }
  }

  const rows: LineageRow[] = [];
  const visit = (shard: Shard, depth: number) => {
    const expiredParent = shard.parentShardId && !byId.has(shard.parentShardId) ? shard.parentShardId : null;
    rows.push({ kind: 'shard', shard, depth, mergedWith: shard.adjacentParentShardId, expiredParent });
    for (const target of mergedInto.get(shard.shardId) ?? [])
      rows.push({ kind: 'merged-into', depth: depth + 1, from: shard.shardId, into: target.shardId });
    for (const child of (children.get(shard.shardId) ?? []).sort(byHashStart)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byHashStart)) visit(root, 0);
  return rows;
}

/** A hash key for display: full decimal digits are unreadable, a share of the key space is not. */
export function keySpaceShare(start: string, end: string): number {
  const span = BigInt(end) - BigInt(start) + 1n;
  return Number((span * 10_000n) >> 128n) / 100;
}

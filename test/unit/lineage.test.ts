import { describe, expect, it } from 'vitest';
import type { Shard } from '../../shared/contract';
import { buildLineage, keySpaceShare } from '../../shared/lineage';

const MAX = ((1n << 128n) - 1n).toString();
const HALF = ((1n << 127n) - 1n).toString();
const shard = (
  id: string,
  start: string,
  end: string,
  open: boolean,
  parent: string | null = null,
  adjacent: string | null = null,
): Shard => ({
  shardId: id,
  parentShardId: parent,
  adjacentParentShardId: adjacent,
  hashKeyRange: { start, end },
  sequenceNumberRange: { start: '1', end: open ? null : '2' },
  open,
});

describe('buildLineage', () => {
  it('puts split children under their parent in key order, and a merge under both parents', () => {
    const shards = [
      shard('s-0', '0', MAX, false),
      shard('s-2', (1n << 127n).toString(), MAX, false, 's-0'),
      shard('s-1', '0', HALF, false, 's-0'),
      shard('s-3', '0', MAX, true, 's-1', 's-2'),
    ];
    const rows = buildLineage(shards).map((row) =>
      row.kind === 'shard'
        ? `${'  '.repeat(row.depth)}${row.shard.shardId}${row.mergedWith ? ` +${row.mergedWith}` : ''}`
        : `${'  '.repeat(row.depth)}→ ${row.into}`,
    );
    expect(rows).toEqual(['s-0', '  s-1', '    s-3 +s-2', '  s-2', '    → s-3']);
  });

  it('keeps a shard whose parent expired as a root and names the parent', () => {
    const rows = buildLineage([shard('s-9', '0', MAX, true, 's-4')]);
    expect(rows).toEqual([expect.objectContaining({ kind: 'shard', depth: 0, expiredParent: 's-4' })]);
  });
});

describe('keySpaceShare', () => {
  it('gives the share of the 128-bit key space in percent', () => {
    expect(keySpaceShare('0', MAX)).toBe(100);
    expect(keySpaceShare('0', HALF)).toBe(50);
  });
});

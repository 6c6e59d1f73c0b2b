import { describe, expect, it } from 'vitest';
import type { Shard } from '../../shared/contract';
import { shardChoices } from '../../renderer/ui/picker/shard-choices';

const shard = (n: number, open = true): Shard => ({
  shardId: `shardId-${String(n).padStart(12, '0')}`,
  parentShardId: null,
  adjacentParentShardId: null,
  hashKeyRange: { start: '0', end: '1' },
  sequenceNumberRange: { start: '1', end: open ? null : '2' },
  open,
});

describe('the shard picker’s choices', () => {
  const shards = [shard(0, false), shard(1), shard(2), shard(12), shard(112)];
  const ids = (typed: string) => shardChoices(shards, typed).map((s) => Number(s.shardId.slice(-12)));

  it('offers open shards before closed ones when nothing is typed', () => {
    expect(ids('')).toEqual([1, 2, 12, 112, 0]);
  });

  it('finds a shard by its number first, then ids containing what is typed', () => {
    expect(ids('12')).toEqual([12, 112]);
    expect(ids('012')).toEqual([12]);
    expect(ids('0')).toEqual([0, 1, 2, 12, 112]);
    expect(ids('shardId-000000000002')).toEqual([2]);
    expect(ids('nothing')).toEqual([]);
  });
});

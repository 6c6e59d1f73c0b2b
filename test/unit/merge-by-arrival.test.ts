import { describe, expect, it } from 'vitest';
import { mergeByArrival } from '../../renderer/preview/preview-slice';
import type { PreviewRecord } from '../../shared/contract';

const r = (id: string, second: number): PreviewRecord => ({
  id,
  shardId: id[0]!,
  sequenceNumber: '1',
  subSequenceNumber: null,
  partitionKey: '',
  arrivalTime: `2026-11-28T08:00:${String(second).padStart(2, '0')}.000Z`,
  size: 0,
  compression: null,
  encoding: 'text',
  text: '',
  truncated: false,
  error: null,
});

describe('mergeByArrival', () => {
  it('keeps one time-ordered view across shards, and each shard in its own order', () => {
    const buffer = [r('a1', 1), r('b1', 2), r('a2', 4)];
    const batch = [r('b2', 3), r('b3', 3), r('a3', 5)];
    expect(mergeByArrival(buffer, batch).map((x) => x.id)).toEqual(['a1', 'b1', 'b2', 'b3', 'a2', 'a3']);
  });

  it('appends a batch that is all newer without re-sorting', () => {
    expect(mergeByArrival([r('a1', 1)], [r('a2', 2), r('a3', 3)]).map((x) => x.id)).toEqual(['a1', 'a2', 'a3']);
    expect(mergeByArrival([], [r('b', 2), r('a', 1)]).map((x) => x.id)).toEqual(['a', 'b']);
  });
});

import { describe, expect, it } from 'vitest';
import { filterRows, sortRows } from '../../renderer/streams/sort-streams';

const rows = [
  { name: 'orders-10', status: 'ACTIVE', openShards: 2 },
  { name: 'orders-9', status: 'CREATING', openShards: null },
  { name: 'Audit', status: 'ACTIVE', openShards: 8 },
  { name: 'clicks', status: 'UPDATING', openShards: 2 },
] as const;

describe('sortRows', () => {
  it('orders names naturally, ignoring case', () => {
    expect(sortRows(rows, { key: 'name', direction: 'asc' }).map((r) => r.name)).toEqual(['Audit', 'clicks', 'orders-9', 'orders-10']);
    expect(sortRows(rows, { key: 'name', direction: 'desc' }).map((r) => r.name)).toEqual(['orders-10', 'orders-9', 'clicks', 'Audit']);
  });

  it('keeps unknown shard counts last in both directions, names breaking ties', () => {
    expect(sortRows(rows, { key: 'openShards', direction: 'asc' }).map((r) => r.name)).toEqual([
      'clicks',
      'orders-10',
      'Audit',
      'orders-9',
    ]);
    expect(sortRows(rows, { key: 'openShards', direction: 'desc' }).map((r) => r.name)).toEqual([
      'Audit',
      'clicks',
      'orders-10',
      'orders-9',
    ]);
  });

  it('groups by status', () => {
    expect(sortRows(rows, { key: 'status', direction: 'asc' }).map((r) => r.status)).toEqual(['ACTIVE', 'ACTIVE', 'CREATING', 'UPDATING']);
  });
});

describe('filterRows', () => {
  it('matches a substring in any case and keeps the order', () => {
    expect(filterRows(rows, 'ORDERS').map((r) => r.name)).toEqual(['orders-10', 'orders-9']);
    expect(filterRows(rows, '  ')).toBe(rows);
    expect(filterRows(rows, 'zzz')).toEqual([]);
  });
});

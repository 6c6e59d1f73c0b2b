import { describe, expect, it } from 'vitest';
import { streamChoices } from '../../renderer/ui/picker/recent-streams';

describe('the stream picker’s choices', () => {
  const names = ['clickstream', 'mixed-encodings', 'orders', 'orders-archive', 'returned-orders'];

  it('offers recent choices first when nothing is typed, and only streams that still exist', () => {
    expect(streamChoices(names, '', ['orders-archive', 'gone'])).toEqual([
      'orders-archive',
      'clickstream',
      'mixed-encodings',
      'orders',
      'returned-orders',
    ]);
  });

  it('puts names starting with what is typed before names containing it, in any case', () => {
    expect(streamChoices(names, 'ORD', [])).toEqual(['orders', 'orders-archive', 'returned-orders']);
    expect(streamChoices(names, 'zzz', [])).toEqual([]);
  });

  it('offers at most the limit, so a list of 10,000 streams stays a short menu', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `stream-${i}`);
    expect(streamChoices(many, 'stream', [], 50)).toHaveLength(50);
  });
});

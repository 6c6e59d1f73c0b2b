import { describe, expect, it } from 'vitest';
import { paletteEntries, STREAMS_OFFERED } from '../../renderer/palette/palette-entries';

describe('the command palette’s choices', () => {
  const names = ['clickstream', 'orders', 'orders-archive', 'throttled-events'];

  it('offers every page and the streams, recent first, when nothing is typed, and names no stream to act on', () => {
    const entries = paletteEntries('', names, ['orders-archive']);
    expect(entries.pages.map((p) => p.page)).toEqual([
      'streams',
      'preview',
      'search',
      'throughput',
      'runs',
      'failures',
      'permissions',
      'audit',
      'connections',
    ]);
    expect(entries.streams[0]).toBe('orders-archive');
    expect(entries.topStream).toBeNull();
  });

  it('matches pages by name and streams by prefix first, and acts on the best stream', () => {
    const entries = paletteEntries('thr', names, []);
    expect(entries.pages.map((p) => p.label)).toEqual(['Throughput']);
    expect(entries.streams).toEqual(['throttled-events']);
    expect(entries.topStream).toBe('throttled-events');
    expect(paletteEntries('ORD', names, []).streams).toEqual(['orders', 'orders-archive']);
    expect(paletteEntries('nothing', names, [])).toEqual({ pages: [], streams: [], topStream: null });
  });

  it('finds a page by what the palette calls going there as well as by its name', () => {
    expect(paletteEntries('open the audit', names, []).pages.map((p) => p.command)).toEqual(['Open the audit log']);
    expect(paletteEntries('audit log', names, []).pages.map((p) => p.page)).toEqual(['audit']);
  });

  it('offers a short list however many streams there are', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `stream-${i}`);
    expect(paletteEntries('stream-1', many, []).streams).toHaveLength(STREAMS_OFFERED);
  });
});

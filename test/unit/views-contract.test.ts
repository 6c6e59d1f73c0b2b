import { describe, expect, it } from 'vitest';
import { takeBrowserHostLocation } from '../../preload/browser-bridge';
import { calls, parseViewLink, viewLinkFragment, viewsFileSchema, type SavedView } from '../../shared/contract';

const view: SavedView = {
  name: 'failed orders',
  note: 'what support asks for on Mondays',
  connection: 'prod-eu',
  stream: 'orders',
  page: 'search',
  settings: { start: '-1h', end: '', filter: 'data.status == "FAILED"', limit: 500, columns: [] },
  masked: true,
};

describe('saved views in the contract', () => {
  it('takes a whole view and fills what a short one leaves out', () => {
    expect(viewsFileSchema.parse({ version: 1, views: [view] }).views[0]).toEqual(view);
    const short = calls['views:save'].input.parse({
      view: { name: 'recent', connection: 'sandbox', stream: 'orders', page: 'preview', settings: { start: 'LATEST' } },
    });
    expect(short.view).toMatchObject({ note: '', masked: true, settings: { end: '', filter: '', columns: [] } });
  });

  it('refuses a foreign file with an extra field, naming it', () => {
    const parsed = calls['views:import'].input.safeParse({ file: { version: 1, views: [{ ...view, records: [{ data: 'x' }] }] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['file', 'views', 0] });
    const secret = calls['views:import'].input.safeParse({
      file: { version: 1, views: [{ ...view, settings: { ...view.settings, secretAccessKey: 'x' } }] },
    });
    expect(secret.error?.issues[0]?.path).toEqual(['file', 'views', 0, 'settings']);
  });

  it('refuses oversized fields and too many views, naming the field', () => {
    const long = calls['views:import'].input.safeParse({ file: { version: 1, views: [{ ...view, note: 'n'.repeat(501) }] } });
    expect(long.error?.issues[0]).toMatchObject({ path: ['file', 'views', 0, 'note'], message: expect.stringContaining('500') });
    const filter = viewsFileSchema.safeParse({
      version: 1,
      views: [{ ...view, settings: { ...view.settings, filter: 'x'.repeat(4_097) } }],
    });
    expect(filter.error?.issues[0]?.path).toEqual(['views', 0, 'settings', 'filter']);
    const many = viewsFileSchema.safeParse({ version: 1, views: Array.from({ length: 201 }, (_, i) => ({ ...view, name: `v${i}` })) });
    expect(many.error?.issues[0]?.message).toContain('at most 200');
    expect(viewsFileSchema.safeParse({ version: 2, views: [] }).success).toBe(false);
  });

  it('carries a view through a link and refuses a hostile one', () => {
    expect(parseViewLink(`#${viewLinkFragment(view)}`)).toEqual({ view });
    expect(parseViewLink('#token=abc')).toBeNull();
    expect(parseViewLink('#view=%7Bnot-json')).toEqual({ error: expect.stringContaining('not JSON') });
    const hostile = parseViewLink(`#view=${encodeURIComponent(JSON.stringify({ ...view, unmasked: true }))}`);
    expect(hostile).toEqual({ error: expect.stringContaining('unmasked') });
  });
});

describe('the browser host address', () => {
  it('takes the token out and leaves a view in the fragment for the page', () => {
    const stored = new Map<string, string>();
    const page = {
      location: { hash: `#token=secret&${viewLinkFragment(view)}`, pathname: '/', search: '', protocol: 'http:', host: '127.0.0.1:1' },
      history: { state: null, replaceState: (_state: unknown, _title: string, url: string) => (page.location.hash = url.slice(1)) },
      sessionStorage: {
        setItem: (key: string, value: string) => stored.set(key, value),
        getItem: (key: string) => stored.get(key) ?? null,
      },
    };
    expect(takeBrowserHostLocation(page as never)?.token).toBe('secret');
    expect(page.location.hash).not.toContain('secret');
    expect(parseViewLink(page.location.hash)).toEqual({ view });
  });
});

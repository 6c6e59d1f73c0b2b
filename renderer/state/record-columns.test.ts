import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';
import type { SavedView } from '../../shared/contract';
import { chooseColumn, parseColumnChoices, shownColumnIds } from './record-columns';

const every = ['arrival', 'shard', 'sequence', 'key', 'size', 'data'];

describe("the record table's column choice", () => {
  it('shows every column for no choice, and for a choice naming no column this table has', () => {
    expect(shownColumnIds(undefined)).toEqual(every);
    expect(shownColumnIds([])).toEqual(every);
    expect(shownColumnIds(['colour', 'weight'])).toEqual(every);
  });

  it("keeps a choice's order and drops unknown and repeated columns", () => {
    expect(shownColumnIds(['data', 'colour', 'key', 'data'])).toEqual(['data', 'key']);
  });

  it('hides a column, and puts one shown again back in its place', () => {
    const hidden = chooseColumn([], 'shard', false);
    expect(hidden).toEqual(['arrival', 'sequence', 'key', 'size', 'data']);
    expect(chooseColumn(['key', 'data'], 'arrival', true)).toEqual(['arrival', 'key', 'data']);
    expect(chooseColumn(['key', 'data'], 'size', true)).toEqual(['key', 'size', 'data']);
    // Every column again, in the table's order, is stored as "every column".
    expect(chooseColumn(hidden, 'shard', true)).toEqual([]);
  });

  it('never hides the last column shown', () => {
    expect(chooseColumn(['data'], 'data', false)).toEqual(['data']);
  });

  it('reads back stored choices, dropping what is not a list of known columns', () => {
    expect(parseColumnChoices(null)).toEqual({});
    expect(parseColumnChoices('not json')).toEqual({});
    expect(parseColumnChoices('[1]')).toEqual({});
    expect(parseColumnChoices(JSON.stringify({ orders: ['key', 'data', 7], clicks: 'data', all: every }))).toEqual({
      orders: ['key', 'data'],
    });
  });
});

describe('the record columns slice', () => {
  it('keeps a choice per stream, and an opened view puts back exactly its columns', () => {
    const { store } = storeWithFakeMain();
    store.getState().showRecordColumn('orders', 'size', false);
    expect(store.getState().recordColumns).toEqual({ orders: ['arrival', 'shard', 'sequence', 'key', 'data'] });

    const view: SavedView = {
      name: 'keys',
      note: '',
      connection: '',
      stream: 'clicks',
      page: 'search',
      settings: { start: '-1h', end: '', filter: 'true', columns: ['key', 'arrival', 'unknown'] },
      masked: true,
    };
    store.getState().openView(view);
    expect(store.getState().recordColumns).toEqual({ orders: ['arrival', 'shard', 'sequence', 'key', 'data'], clicks: ['key', 'arrival'] });
    // A view saved with every column shown clears a stream's earlier choice.
    store.getState().openView({ ...view, stream: 'orders', settings: { ...view.settings, columns: [] } });
    expect(store.getState().recordColumns).toEqual({ clicks: ['key', 'arrival'] });
  });
});

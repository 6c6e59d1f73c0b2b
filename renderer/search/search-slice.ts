import { createSessionSlice } from '../state/create-session-slice';
import type { SliceCreator } from '../state/store';
import { BY_ARRIVAL } from '../state/sort-state';
import type { SearchSlice } from '../state/search-state';

export const createSearchSlice: SliceCreator<SearchSlice> = (api) => (set, get) => {
  const session = createSessionSlice(set, get, api.search, { id: 'searchSession', error: 'searchError' });
  return {
    searchSession: null,
    searchStream: null,
    searchMatches: [],
    searchProgress: null,
    searchError: null,
    selectedMatchId: null,
    searchInput: null,
    searchSort: BY_ARRIVAL,
    setSearchSort(searchSort) {
      set({ searchSort });
    },
    async startSearch(input) {
      await get().stopSearch();
      await session.start(
        input,
        { searchMatches: [], searchProgress: null, selectedMatchId: null, searchInput: input },
        { searchStream: input.stream },
      );
    },
    stopSearch: session.stop,
    receiveMatches(batch) {
      // Matches arrive in batches of up to a few hundred; the limit (at most 100,000) bounds the list.
      session.receive(batch, ({ records }) => ({ searchMatches: [...get().searchMatches, ...records] }));
    },
    receiveSearchProgress(progress) {
      session.receive(progress, (searchProgress) => ({ searchProgress }));
    },
    selectMatch(selectedMatchId) {
      set({ selectedMatchId });
    },
  };
};

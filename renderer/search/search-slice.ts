import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../state/store';
import { BY_ARRIVAL } from '../state/sort-state';
import type { SearchSlice } from '../state/search-state';

export const createSearchSlice: SliceCreator<SearchSlice> = (api) => (set, get) => ({
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
    set({ searchMatches: [], searchProgress: null, searchError: null, selectedMatchId: null, searchInput: input });
    try {
      const { sessionId } = await unwrap(api.search.start(input));
      set({ searchSession: sessionId, searchStream: input.stream });
    } catch (error) {
      set({ searchError: messageOf(error) });
    }
  },
  async stopSearch() {
    const sessionId = get().searchSession;
    if (sessionId) await api.search.stop({ sessionId });
  },
  receiveMatches(batch) {
    // Matches arrive in batches of up to a few hundred; the limit (at most 100,000) bounds the list.
    if (batch.sessionId === get().searchSession) set({ searchMatches: [...get().searchMatches, ...batch.records] });
  },
  receiveSearchProgress(progress) {
    if (progress.sessionId === get().searchSession) set({ searchProgress: progress });
  },
  selectMatch(selectedMatchId) {
    set({ selectedMatchId });
  },
});

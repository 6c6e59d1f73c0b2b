import type { PreviewRecord, SearchInput, SearchMatches, SearchProgress } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../app/store';
import { BY_ARRIVAL, type RecordSort } from '../preview/record-sort';

export interface SearchSlice {
  searchSession: string | null;
  /** The stream the search reads, to name it if it is lost. */
  searchStream: string | null;
  searchMatches: PreviewRecord[];
  searchProgress: SearchProgress | null;
  searchError: string | null;
  selectedMatchId: string | null;
  /** What the running or last search asked for, to say it while its form is folded away. */
  searchInput: SearchInput | null;
  /** How the matches are shown: a view choice, arrival order until a column is chosen. */
  searchSort: RecordSort;
  setSearchSort(sort: RecordSort): void;
  startSearch(input: SearchInput): Promise<void>;
  stopSearch(): Promise<void>;
  receiveMatches(batch: SearchMatches): void;
  receiveSearchProgress(progress: SearchProgress): void;
  selectMatch(id: string | null): void;
}

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

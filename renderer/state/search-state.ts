import type { PreviewRecord, SearchInput, SearchMatches, SearchProgress } from '../../shared/contract';
import type { RecordSort } from './sort-state';

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

import type { SliceCreator } from './store';
import type { RecordSortKey } from './sort-state';

/** The record table's columns in their own order: the preview's and the search's. */
export const RECORD_COLUMN_IDS: readonly RecordSortKey[] = ['arrival', 'shard', 'sequence', 'key', 'size', 'data'];

const KEY = 'shardscope.recordColumns';
/** Enough for every stream one person looks at; the ones chosen longest ago go first. */
const STREAMS_KEPT = 100;

const isRecordColumn = (id: string): id is RecordSortKey => (RECORD_COLUMN_IDS as readonly string[]).includes(id);

/**
 * The columns a choice shows, in the choice's order. A choice names columns to show; one that is
 * empty, or names none this table has (a view from a newer app), shows every column.
 */
export function shownColumnIds(choice: readonly string[] | undefined): RecordSortKey[] {
  const known = [...new Set(choice ?? [])].filter(isRecordColumn);
  return known.length > 0 ? known : [...RECORD_COLUMN_IDS];
}

/** The choice as a view stores it: empty when it shows every column in the table's order. */
function normalized(ids: readonly RecordSortKey[]): RecordSortKey[] {
  return ids.length === RECORD_COLUMN_IDS.length && ids.every((id, i) => id === RECORD_COLUMN_IDS[i]) ? [] : [...ids];
}

/**
 * Shows or hides one column. A column shown again takes its place among the others in the table's
 * order; the last column shown stays, so the table never goes blank.
 */
export function chooseColumn(choice: readonly string[] | undefined, id: RecordSortKey, shown: boolean): RecordSortKey[] {
  const current = shownColumnIds(choice);
  if (!shown) return normalized(current.length > 1 ? current.filter((c) => c !== id) : current);
  if (current.includes(id)) return normalized(current);
  const rank = RECORD_COLUMN_IDS.indexOf(id);
  const after = current.findIndex((c) => RECORD_COLUMN_IDS.indexOf(c) > rank);
  const next = [...current];
  next.splice(after === -1 ? next.length : after, 0, id);
  return normalized(next);
}

/** Choices kept from an earlier visit, with anything that is not a list of known columns dropped. */
export function parseColumnChoices(stored: string | null): Record<string, RecordSortKey[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored ?? '{}');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const choices: Record<string, RecordSortKey[]> = {};
  for (const [stream, ids] of Object.entries(parsed).slice(-STREAMS_KEPT)) {
    if (!Array.isArray(ids)) continue;
    const choice = normalized(shownColumnIds(ids.filter((id): id is string => typeof id === 'string')));
    if (choice.length > 0) choices[stream] = choice;
  }
  return choices;
}

function storedChoices(): Record<string, RecordSortKey[]> {
  try {
    return parseColumnChoices(localStorage.getItem(KEY));
  } catch {
    return {};
  }
}

function keep(choices: Record<string, RecordSortKey[]>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(choices));
  } catch {
    // Storage may be off (private windows): the choice lasts until the window closes.
  }
}

export interface RecordColumnsSlice {
  /** Per stream, the record table's columns chosen; a stream missing here shows every column. */
  recordColumns: Readonly<Record<string, RecordSortKey[]>>;
  /** Sets a stream's columns (a view opened), keeping only columns this table has. */
  setRecordColumns(stream: string, choice: readonly string[]): void;
  showRecordColumn(stream: string, id: RecordSortKey, shown: boolean): void;
}

/** Kept per stream in this browser profile, as column widths are, so a stream reads as it was left. */
export const createRecordColumnsSlice: SliceCreator<RecordColumnsSlice> = () => (set, get) => {
  const put = (stream: string, choice: RecordSortKey[]) => {
    const { [stream]: _previous, ...others } = get().recordColumns;
    // The stream chosen last goes to the end, so trimming drops the ones chosen longest ago.
    const next = choice.length > 0 ? { ...others, [stream]: choice } : others;
    const kept = Object.fromEntries(Object.entries(next).slice(-STREAMS_KEPT));
    set({ recordColumns: kept });
    keep(kept);
  };
  return {
    recordColumns: storedChoices(),
    setRecordColumns(stream, choice) {
      put(stream, normalized(shownColumnIds(choice)));
    },
    showRecordColumn(stream, id, shown) {
      put(stream, chooseColumn(get().recordColumns[stream], id, shown));
    },
  };
};

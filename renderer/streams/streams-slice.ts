import { SUMMARY_BATCH_LIMIT, type StreamSummary } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../state/store';
import { sortRows } from './sort-streams';
import type { StreamRow, StreamsSlice } from '../state/streams-state';

const DETAIL_BATCH = Math.min(100, SUMMARY_BATCH_LIMIT);

export const createStreamsSlice: SliceCreator<StreamsSlice> = (api) => (set, get) => {
  // Only the newest refresh may write: answers for a previous connection or refresh arrive too late to matter.
  let latest = 0;

  /** The new listing over the old rows: known details kept, vanished streams marked gone, and the
   * old array itself returned when nothing changed, so a quiet refresh costs the UI nothing. */
  const merge = (fresh: StreamSummary[], previous: StreamRow[] | null): StreamRow[] => {
    const known = new Map((previous ?? []).map((row) => [row.name, row]));
    const rows: StreamRow[] = fresh.map((summary) => {
      const before = known.get(summary.name);
      known.delete(summary.name);
      const status = summary.status === 'UNKNOWN' && before ? before.status : summary.status;
      if (
        before &&
        !before.gone &&
        before.status === status &&
        (before.detailed || (before.mode === summary.mode && before.openShards === summary.openShards))
      )
        return before;
      // Keep what DescribeStreamSummary said until it says something newer.
      return before?.detailed ? { ...before, status, gone: false } : { ...summary, detailed: false, gone: false };
    });
    for (const vanished of known.values()) rows.push(vanished.gone ? vanished : { ...vanished, gone: true });
    const unchanged = previous !== null && previous.length === rows.length && rows.every((row, index) => row === previous[index]);
    return unchanged ? previous : rows;
  };

  const fillDetails = async (request: number) => {
    const { streamRows, streamFilter, streamSort } = get();
    if (!streamRows) return;
    // What the user is looking at first: the current order, matching rows before the rest.
    const needle = streamFilter.toLowerCase();
    const pending = sortRows(
      streamRows.filter((row) => !row.detailed && !row.gone),
      streamSort,
    )
      .sort((a, b) => Number(!a.name.toLowerCase().includes(needle)) - Number(!b.name.toLowerCase().includes(needle)))
      .map((row) => row.name);
    let done = 0;
    set({ detailProgress: pending.length ? { done, total: pending.length } : null });
    for (let i = 0; i < pending.length; i += DETAIL_BATCH) {
      const result = await unwrap(api.streams.summaries({ names: pending.slice(i, i + DETAIL_BATCH) }));
      if (request !== latest) return;
      const updates = new Map(result.summaries.map((s) => [s.name, s]));
      const gone = new Set(result.gone);
      done += DETAIL_BATCH;
      set({
        streamRows: get().streamRows!.map((row) =>
          updates.has(row.name)
            ? { ...updates.get(row.name)!, detailed: true, gone: false }
            : gone.has(row.name)
              ? { ...row, gone: true }
              : row,
        ),
        detailProgress: done >= pending.length ? null : { done, total: pending.length },
      });
    }
  };

  return {
    streamRows: null,
    streamsLoading: false,
    streamsError: null,
    streamsLoadedAt: null,
    detailProgress: null,
    streamFilter: '',
    streamSort: { key: 'name', direction: 'asc' },
    selectedStream: null,
    streamsConnection: null,
    showStreamsOf(connection) {
      if (get().streamsConnection === connection) return;
      latest++;
      set({
        streamsConnection: connection,
        streamRows: null,
        streamsError: null,
        streamsLoadedAt: null,
        streamsLoading: false,
        detailProgress: null,
        selectedStream: null,
      });
    },
    async refreshStreams() {
      const request = ++latest;
      set({ streamsLoading: true });
      try {
        const page = await unwrap(api.streams.names());
        if (request !== latest) return;
        set({ streamRows: merge(page.streams, get().streamRows), streamsError: null, streamsLoadedAt: Date.now(), streamsLoading: false });
        await fillDetails(request);
      } catch (error) {
        if (request === latest) set({ streamsError: messageOf(error), detailProgress: null });
      } finally {
        if (request === latest) set({ streamsLoading: false });
      }
    },
    setStreamFilter(streamFilter) {
      set({ streamFilter });
    },
    setStreamSort(streamSort) {
      set({ streamSort });
    },
    selectStream(selectedStream) {
      set({ selectedStream });
      // Opening a stream's detail chooses it for the other pages too.
      if (selectedStream) get().carryStream(selectedStream);
    },
    markStreamGone(name) {
      set({ streamRows: get().streamRows?.map((row) => (row.name === name ? { ...row, gone: true } : row)) ?? null });
    },
  };
};

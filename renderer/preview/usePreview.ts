import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store';
import { compileFilter, type RecordFilter } from '../../shared/record-filter';
import { stopMessage } from '../ui/stop-message';

export type Order = 'newest' | 'oldest';

/** The live preview: its session's events while mounted, the records filtered and ordered for display. */
export function usePreview() {
  const state = useAppStore(
    useShallow((s) => ({
      stream: s.previewStream,
      sessionId: s.previewSession,
      sessionStatus: s.previewSession ? s.sessionStatuses[s.previewSession] : undefined,
      records: s.previewRecords,
      dropped: s.previewDropped,
      bufferLimit: s.previewBufferLimit,
      status: s.previewStatus,
      startError: s.previewError,
      pausing: s.previewPaused,
      selectedId: s.selectedRecordId,
    })),
  );
  const stop = useAppStore((s) => s.stopPreview);
  const [filter, setFilter] = useState<RecordFilter>({ text: '', regex: false, field: '' });
  const opened = useAppStore((s) => (s.openedView?.view.page === 'preview' ? s.openedView : null));
  // A saved view opened (from the palette or a link) brings its filters, once per opening; the position is set in the store.
  const [appliedView, setAppliedView] = useState<number | null>(null);
  if (opened && opened.at !== appliedView) {
    setAppliedView(opened.at);
    const { filter: text, regex, expression } = opened.view.settings;
    setFilter({ text, regex: regex ?? false, field: expression ?? '' });
  }
  const [order, setOrder] = useState<Order>('newest');
  const [shard, setShard] = useState<string>('all');

  // Leaving the page stops the consumers in main: nothing reads for a view nobody sees.
  useEffect(() => () => void stop(), [stop]);

  const compiled = useMemo(() => compileFilter(filter), [filter]);
  const visible = useMemo(() => {
    const test = compiled.ok ? compiled.test : () => true;
    const kept = state.records.filter((r) => (shard === 'all' || r.shardId === shard) && test(r));
    return order === 'newest' ? kept.reverse() : kept;
  }, [state.records, compiled, shard, order]);

  // Main's session:status events decide: a preview that ended by itself shows why, wherever it ended.
  const running = state.sessionId !== null && state.sessionStatus?.state !== 'stopped';
  const session = running ? state.sessionId : null;
  const paused = running && (state.sessionStatus?.state === 'paused' || state.pausing);
  const error = state.startError ?? stopMessage('preview', state.sessionStatus);
  return {
    ...state,
    session,
    paused,
    error,
    visible,
    filter,
    setFilter,
    filterError: compiled.ok ? null : compiled.error,
    filterHint: compiled.ok ? compiled.hint : null,
    order,
    setOrder,
    shard,
    setShard,
  };
}

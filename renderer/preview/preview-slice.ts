import type { PreviewBatch, PreviewRecord } from '../../shared/contract';
import { loading, settle } from '../api/query-state';
import { createSessionSlice } from '../state/create-session-slice';
import type { SliceCreator } from '../state/store';
import { fieldsOf, initialPositionFields } from '../state/position-fields';
import type { PreviewSlice } from '../state/preview-state';

export const DEFAULT_BUFFER = 10_000;

const byArrival = (a: PreviewRecord, b: PreviewRecord) => (a.arrivalTime < b.arrivalTime ? -1 : a.arrivalTime > b.arrivalTime ? 1 : 0);

/**
 * One time-ordered view across shards: the buffer stays sorted by arrival time, and a batch is
 * merged into it in one linear pass. Within a shard arrival times never decrease, so a stable
 * sort keeps each shard in sequence order.
 */
export function mergeByArrival(sorted: readonly PreviewRecord[], batch: readonly PreviewRecord[]): PreviewRecord[] {
  const incoming = [...batch].sort(byArrival);
  if (sorted.length === 0 || byArrival(sorted.at(-1)!, incoming[0] ?? sorted.at(-1)!) <= 0) return [...sorted, ...incoming];
  const out: PreviewRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.length || j < incoming.length) {
    if (j >= incoming.length || (i < sorted.length && byArrival(sorted[i]!, incoming[j]!) <= 0)) out.push(sorted[i++]!);
    else out.push(incoming[j++]!);
  }
  return out;
}

/**
 * The table redraws at most this often. At thousands of records a second every visible row shows
 * another record on each redraw, so each costs the same however few records it adds; ten a second
 * is as fast as a tail can be read, and leaves most frames free.
 */
export const REDRAW_MS = 100;

/** The next paint, or (no window: tests) about one frame from now. */
function nextFrame(apply: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(apply);
  else setTimeout(apply, 16);
}

export const createPreviewSlice: SliceCreator<PreviewSlice> = (api) => (set, get) => {
  const session = createSessionSlice(set, get, api.preview, { id: 'previewSession', error: 'previewError', forgetOnStop: true });
  /**
   * Batches come about 30 times a second and each store update re-renders the page: they wait
   * here and land together on a frame, REDRAW_MS after the last landed. A hidden window draws no
   * frames, so a full buffer's worth lands at once rather than piling up.
   */
  let waiting: PreviewBatch[] = [];
  let waitingRecords = 0;
  let frameAsked = false;
  let lastApplied = Number.NEGATIVE_INFINITY;
  const forgetWaiting = () => {
    waiting = [];
    waitingRecords = 0;
  };
  const applyWaiting = () => {
    frameAsked = false;
    lastApplied = Date.now();
    const batches = waiting;
    forgetWaiting();
    const sessionId = get().previewSession;
    const mine = batches.filter((batch) => batch.sessionId === sessionId);
    if (mine.length === 0) return;
    const records = mine.length === 1 ? mine[0]!.records : mine.flatMap((batch) => batch.records);
    const dropped = mine.reduce((sum, batch) => sum + batch.dropped, 0);
    session.receive({ sessionId: mine[0]!.sessionId, records, dropped }, ({ records, dropped }) => {
      const { previewRecords, previewBufferLimit, previewDropped, pendingSelect } = get();
      const merged = mergeByArrival(previewRecords, records);
      const kept = merged.length > previewBufferLimit ? merged.slice(-previewBufferLimit) : merged;
      const found = pendingSelect ? records.find((record) => record.sequenceNumber === pendingSelect) : undefined;
      return {
        previewRecords: kept,
        previewDropped: previewDropped + merged.length - kept.length + dropped,
        ...(found ? { selectedRecordId: found.id, pendingSelect: null, fullRecord: null } : {}),
      };
    });
  };
  return {
    previewStream: '',
    previewSession: null,
    previewLastSession: null,
    previewRecords: [],
    previewDropped: 0,
    previewBufferLimit: DEFAULT_BUFFER,
    previewStatus: null,
    previewError: null,
    previewPaused: false,
    selectedRecordId: null,
    pendingSelect: null,
    previewPositionFields: initialPositionFields,
    setPreviewPositionFields(fields) {
      set({ previewPositionFields: { ...get().previewPositionFields, ...fields } });
    },
    setPreviewStream(previewStream) {
      set({ previewStream });
    },
    async startPreview(position, shardIds) {
      await get().stopPreview();
      await session.start(
        { stream: get().previewStream.trim(), position, ...(shardIds ? { shardIds } : {}) },
        { previewRecords: [], previewDropped: 0, previewStatus: null, previewPaused: false, selectedRecordId: null },
      );
      set({ previewLastSession: get().previewSession });
    },
    async stopPreview() {
      if (get().previewSession) set({ previewPaused: false });
      await session.stop();
    },
    async pausePreview() {
      const sessionId = get().previewSession;
      if (!sessionId) return;
      set({ previewPaused: true });
      await api.preview.pause({ sessionId });
    },
    async resumePreview() {
      const sessionId = get().previewSession;
      if (!sessionId) return;
      set({ previewPaused: false });
      await api.preview.resume({ sessionId });
    },
    clearPreview() {
      forgetWaiting();
      set({ previewRecords: [], previewDropped: 0, selectedRecordId: null });
    },
    receiveBatch(batch) {
      if (batch.sessionId !== get().previewSession) return;
      waiting.push(batch);
      waitingRecords += batch.records.length;
      if (waitingRecords >= get().previewBufferLimit) applyWaiting();
      else if (!frameAsked) {
        frameAsked = true;
        const wait = lastApplied + REDRAW_MS - Date.now();
        if (wait > 0) setTimeout(() => nextFrame(applyWaiting), wait);
        else nextFrame(applyWaiting);
      }
    },
    receiveStatus(status) {
      session.receive(status, (previewStatus) => ({ previewStatus }));
    },
    selectRecord(selectedRecordId) {
      set({ selectedRecordId, fullRecord: null });
    },
    fullRecord: null,
    async loadFullRecord(record, stream) {
      set({ fullRecord: { id: record.id, state: loading } });
      const { shardId, sequenceNumber, subSequenceNumber } = record;
      const state = await settle(api.preview.record({ stream, shardId, sequenceNumber, subSequenceNumber }));
      if (get().fullRecord?.id === record.id) set({ fullRecord: { id: record.id, state } });
    },
    async openPreviewAt(stream, shardId, sequenceNumber) {
      get().closeWriteDialog();
      const position = { type: 'AT_SEQUENCE_NUMBER' as const, shardId, sequenceNumber };
      set({ previewStream: stream, previewPositionFields: fieldsOf(position, get().previewPositionFields) });
      get().goTo('preview');
      await get().startPreview(position, [shardId]);
      set({ pendingSelect: sequenceNumber });
    },
    setBufferLimit(previewBufferLimit) {
      set({ previewBufferLimit, previewRecords: get().previewRecords.slice(-previewBufferLimit) });
    },
  };
};

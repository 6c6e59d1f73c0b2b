import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeWithFakeMain, record } from '../../test/support/store-with-fake-main';
import { REDRAW_MS } from './preview-slice';

describe('the preview slice', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  it("keeps a preview's records in arrival order within its buffer, and ignores other sessions' batches", async () => {
    const { store, push } = storeWithFakeMain({ 'preview:start': { sessionId: 'mine' } });
    store.getState().setPreviewStream('orders');
    await store.getState().startPreview({ type: 'LATEST' });
    store.getState().setBufferLimit(3);
    push('preview:records', { sessionId: 'mine', records: [record(2, 2), record(1, 1)], dropped: 0 });
    push('preview:records', { sessionId: 'someone-else', records: [record(9, 0)], dropped: 0 });
    push('preview:records', { sessionId: 'mine', records: [record(4, 4), record(3, 3)], dropped: 5 });
    vi.advanceTimersToNextFrame();
    expect(store.getState().previewRecords.map((r) => r.text)).toEqual(['r2', 'r3', 'r4']);
    // Five dropped in main, and r1 pushed out of the three-record buffer here.
    expect(store.getState().previewDropped).toBe(6);
  });
  it('fetches a truncated record whole from its own stream, and drops the answer once another record is selected', async () => {
    const { store, calls } = storeWithFakeMain({
      'preview:record': (input: unknown) => ({
        ok: true,
        value: { ...record(1, 1), text: `whole of ${(input as { stream: string }).stream}` },
      }),
    });
    await store.getState().loadFullRecord(record(1, 1), 'clickstream');
    expect(calls.at(-1)).toMatchObject({
      channel: 'preview:record',
      input: { stream: 'clickstream', shardId: 'shardId-0', sequenceNumber: '1' },
    });
    expect(store.getState().fullRecord).toMatchObject({
      id: record(1, 1).id,
      state: { status: 'ok', data: { text: 'whole of clickstream' } },
    });
    store.getState().selectRecord(record(2, 2).id);
    expect(store.getState().fullRecord).toBeNull();
  });
  it('opens the preview at a written record and selects it when its batch arrives', async () => {
    const { store, push, calls } = storeWithFakeMain({ 'preview:start': { sessionId: 'p1' } });
    store.getState().openWriteDialog({ kind: 'put', stream: 'orders' });
    await store.getState().openPreviewAt('orders', 'shardId-0', '3');
    expect(store.getState().writeDialog).toBeNull();
    expect(store.getState().page).toBe('preview');
    expect(calls.find((c) => c.channel === 'preview:start')?.input).toEqual({
      stream: 'orders',
      position: { type: 'AT_SEQUENCE_NUMBER', shardId: 'shardId-0', sequenceNumber: '3' },
      shardIds: ['shardId-0'],
    });
    push('preview:records', { sessionId: 'p1', records: [record(3, 3), record(4, 4)], dropped: 0 });
    vi.advanceTimersToNextFrame();
    expect(store.getState().selectedRecordId).toBe(record(3, 3).id);
  });
  it('applies the batches that came within one frame together, in one store update', async () => {
    const { store, push } = storeWithFakeMain({ 'preview:start': { sessionId: 'mine' } });
    store.getState().setPreviewStream('orders');
    await store.getState().startPreview({ type: 'LATEST' });
    const seen: number[] = [];
    store.subscribe((state, before) => {
      if (state.previewRecords !== before.previewRecords) seen.push(state.previewRecords.length);
    });
    push('preview:records', { sessionId: 'mine', records: [record(2, 2)], dropped: 1 });
    push('preview:records', { sessionId: 'mine', records: [record(1, 1)], dropped: 0 });
    push('preview:records', { sessionId: 'mine', records: [record(3, 3)], dropped: 2 });
    expect(store.getState().previewRecords).toEqual([]);
    vi.advanceTimersToNextFrame();
    expect(seen).toEqual([3]);
    expect(store.getState().previewRecords.map((r) => r.text)).toEqual(['r1', 'r2', 'r3']);
    expect(store.getState().previewDropped).toBe(3);
  });
  it('lands a whole buffer of waiting records at once, as a hidden window draws no frame', async () => {
    const { store, push } = storeWithFakeMain({ 'preview:start': { sessionId: 'mine' } });
    store.getState().setPreviewStream('orders');
    await store.getState().startPreview({ type: 'LATEST' });
    store.getState().setBufferLimit(3);
    push('preview:records', { sessionId: 'mine', records: [record(1, 1), record(2, 2)], dropped: 0 });
    expect(store.getState().previewRecords).toEqual([]);
    push('preview:records', { sessionId: 'mine', records: [record(3, 3), record(4, 4)], dropped: 0 });
    expect(store.getState().previewRecords.map((r) => r.text)).toEqual(['r2', 'r3', 'r4']);
    expect(store.getState().previewDropped).toBe(1);
  });
  it('drops the waiting batches of a preview that was stopped or cleared before they landed', async () => {
    const { store, push } = storeWithFakeMain({ 'preview:start': { sessionId: 'mine' }, 'preview:stop': { stopped: true } });
    store.getState().setPreviewStream('orders');
    await store.getState().startPreview({ type: 'LATEST' });
    push('preview:records', { sessionId: 'mine', records: [record(1, 1)], dropped: 0 });
    store.getState().clearPreview();
    vi.advanceTimersToNextFrame();
    expect(store.getState().previewRecords).toEqual([]);
    push('preview:records', { sessionId: 'mine', records: [record(2, 2)], dropped: 0 });
    await store.getState().stopPreview();
    vi.advanceTimersToNextFrame();
    expect(store.getState().previewRecords).toEqual([]);
  });
  it('redraws at most once per REDRAW_MS however often batches come, and lands every record', async () => {
    const { store, push } = storeWithFakeMain({ 'preview:start': { sessionId: 'mine' } });
    store.getState().setPreviewStream('orders');
    await store.getState().startPreview({ type: 'LATEST' });
    const landedAt: number[] = [];
    store.subscribe((state, before) => {
      if (state.previewRecords !== before.previewRecords) landedAt.push(Date.now());
    });
    // Main's cadence: a batch every 33 ms for a second.
    for (let n = 1; n <= 30; n++) {
      push('preview:records', { sessionId: 'mine', records: [record(n, n)], dropped: 0 });
      vi.advanceTimersByTime(33);
    }
    vi.advanceTimersByTime(REDRAW_MS + 20);
    expect(store.getState().previewRecords).toHaveLength(30);
    expect(landedAt.length).toBeLessThanOrEqual(11);
    expect(landedAt.length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < landedAt.length; i++) expect(landedAt[i]! - landedAt[i - 1]!).toBeGreaterThanOrEqual(REDRAW_MS);
  });
});

import type { CopyEstimate, CopyProgress, CopySpecInput, PutRecordResult, SendRecordsInput, StreamDetail } from '../../shared/contract';
import type { CallInput } from '../../shared/contract';
import { ApiError, messageOf, unwrap } from '../api/api-error';
import { loading, settle, type QueryState } from '../api/query-state';
import type { SliceCreator } from '../app/store';

export type PutDraft = { data: string; encoding: 'json' | 'text' | 'base64'; partitionKey: string | null };
export type RecordRef = SendRecordsInput['records'][number];

/** The write dialog open, if any: put one record, send picked records, or copy a window. */
export type WriteDialog =
  | { kind: 'put'; stream: string; draft?: PutDraft }
  | { kind: 'send'; source: string; records: RecordRef[]; target?: string }
  | { kind: 'copy'; source: string };

export interface WritesSlice {
  writeDialog: WriteDialog | null;
  /** The stream a write will go to, described: its account is named in the confirmation. */
  writeTarget: { stream: string; state: QueryState<StreamDetail> } | null;
  putResult: QueryState<PutRecordResult> | null;
  sendResult: QueryState<{ written: number; retried: number; missing: number }> | null;
  copyEstimate: QueryState<CopyEstimate> | null;
  copySession: string | null;
  /** The copy's source and target, to name it if it is lost. */
  copyRoute: { source: string; target: string } | null;
  copyProgress: CopyProgress | null;
  copyError: string | null;
  /** A start is on its way: the button stays busy, so a double click starts one copy. */
  copyStarting: boolean;
  /** The start found an unfinished copy of the same streams: resume it or start over. */
  copyConflict: boolean;
  openWriteDialog(dialog: WriteDialog): void;
  closeWriteDialog(): void;
  describeWriteTarget(stream: string): Promise<void>;
  /** Plans the write (main's token for these records alone), then makes it: the dialog's confirmation is the plan's. */
  putRecord(input: CallInput<'writes:planPut'>): Promise<void>;
  sendRecords(input: CallInput<'writes:planSend'>): Promise<void>;
  estimateCopy(spec: CopySpecInput): Promise<void>;
  startCopy(spec: CopySpecInput, how?: { resume?: boolean; restart?: boolean }): Promise<void>;
  stopCopy(): Promise<void>;
  receiveCopyProgress(progress: CopyProgress): void;
}

export const createWritesSlice: SliceCreator<WritesSlice> = (api) => (set, get) => ({
  writeDialog: null,
  writeTarget: null,
  putResult: null,
  sendResult: null,
  copyEstimate: null,
  copySession: null,
  copyRoute: null,
  copyProgress: null,
  copyError: null,
  copyStarting: false,
  copyConflict: false,
  openWriteDialog(dialog) {
    set({ writeDialog: dialog, putResult: null, sendResult: null, copyEstimate: null, copyError: null, copyConflict: false });
  },
  closeWriteDialog() {
    set({ writeDialog: null });
  },
  async describeWriteTarget(stream) {
    set({ writeTarget: { stream, state: loading } });
    const state = await settle(api.streams.describe({ name: stream }));
    if (get().writeTarget?.stream === stream) set({ writeTarget: { stream, state } });
  },
  async putRecord(input) {
    set({ putResult: loading });
    const put = async () => {
      const plan = await api.writes.planPut(input);
      return plan.ok ? api.writes.put({ ...input, token: plan.value.token }) : plan;
    };
    set({ putResult: await settle(put()) });
  },
  async sendRecords(input) {
    set({ sendResult: loading });
    const send = async () => {
      const plan = await api.writes.planSend(input);
      return plan.ok ? api.writes.send({ ...input, token: plan.value.token }) : plan;
    };
    set({ sendResult: await settle(send()) });
  },
  async estimateCopy(spec) {
    set({ copyEstimate: loading });
    set({ copyEstimate: await settle(api.copies.estimate({ spec })) });
  },
  async startCopy(spec, how = {}) {
    if (get().copyStarting) return;
    set({ copyError: null, copyProgress: null, copyStarting: true, copyConflict: false });
    try {
      // The spec as confirmed now (its "since" is a new instant each render): estimated again for its token.
      const { token } = await unwrap(api.copies.estimate({ spec, restart: Boolean(how.restart) }));
      const { sessionId } = await unwrap(api.copies.start({ spec, resume: Boolean(how.resume), restart: Boolean(how.restart), token }));
      set({ copySession: sessionId, copyRoute: { source: spec.source, target: spec.target } });
    } catch (error) {
      set({ copyError: messageOf(error), copyConflict: error instanceof ApiError && error.code === 'conflict' });
    } finally {
      set({ copyStarting: false });
    }
  },
  async stopCopy() {
    const sessionId = get().copySession;
    if (sessionId) await api.copies.stop({ sessionId });
  },
  receiveCopyProgress(progress) {
    if (progress.sessionId === get().copySession) set({ copyProgress: progress });
  },
});

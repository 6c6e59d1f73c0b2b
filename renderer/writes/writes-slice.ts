import type { CallOutput, CopyProgress, CopySpecInput, PutRecordResult, SendRecordsInput, WritePlan } from '../../shared/contract';
import type { CallInput } from '../../shared/contract';
import { ApiError, messageOf, unwrap } from '../api/api-error';
import { loading, settle, type QueryState } from '../api/query-state';
import type { SliceCreator } from '../app/store';

type CopyEstimate = CallOutput<'copies:estimate'>;

/** Which input a plan was made for: a plan for fields since edited is not the one shown. */
export function writePlanKey(input: CallInput<'writes:planPut'> | CallInput<'writes:planSend'>): string {
  return JSON.stringify(input);
}

export type PutDraft = { data: string; encoding: 'json' | 'text' | 'base64'; partitionKey: string | null };
export type RecordRef = SendRecordsInput['records'][number];

/** The write dialog open, if any: put one record, send picked records, or copy a window. */
export type WriteDialog =
  | { kind: 'put'; stream: string; draft?: PutDraft }
  | { kind: 'send'; source: string; records: RecordRef[]; target?: string }
  | { kind: 'copy'; source: string };

export interface WritesSlice {
  writeDialog: WriteDialog | null;
  /**
   * Main's plan of the put or send being confirmed, for the input it was asked for (by key): the
   * confirmation names its target, and the write is made with its token.
   */
  writePlan: { key: string; state: QueryState<WritePlan> } | null;
  putResult: QueryState<PutRecordResult> | null;
  sendResult: QueryState<{ written: number; retried: number; missing: number }> | null;
  /** The estimate shown as the copy's fields are typed. */
  copyEstimate: QueryState<CopyEstimate> | null;
  /** The estimate asked for by "Review and write…": the copy confirmed, its spec as estimated, and its token. */
  copyPlan: { key: string; spec: CopySpecInput; state: QueryState<CopyEstimate> } | null;
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
  planPut(input: CallInput<'writes:planPut'>): Promise<void>;
  planSend(input: CallInput<'writes:planSend'>): Promise<void>;
  /** Back from a confirmation: the plan is forgotten (main lets its token expire). */
  dropWritePlan(): void;
  /** Made with the token of the plan confirmed; main refuses a write that differs from that plan. */
  putRecord(input: CallInput<'writes:planPut'>, token: string): Promise<void>;
  sendRecords(input: CallInput<'writes:planSend'>, token: string): Promise<void>;
  estimateCopy(spec: CopySpecInput): Promise<void>;
  /** key: what the dialog's fields were (a relative "since" makes a new spec each time it is built). */
  planCopy(spec: CopySpecInput, key: string): Promise<void>;
  /** With the token of the plan confirmed, or (resuming, starting over) estimated again for one. */
  startCopy(spec: CopySpecInput, how?: { resume?: boolean; restart?: boolean; token?: string }): Promise<void>;
  stopCopy(): Promise<void>;
  receiveCopyProgress(progress: CopyProgress): void;
}

export const createWritesSlice: SliceCreator<WritesSlice> = (api) => (set, get) => ({
  writeDialog: null,
  writePlan: null,
  putResult: null,
  sendResult: null,
  copyEstimate: null,
  copyPlan: null,
  copySession: null,
  copyRoute: null,
  copyProgress: null,
  copyError: null,
  copyStarting: false,
  copyConflict: false,
  openWriteDialog(dialog) {
    set({
      writeDialog: dialog,
      writePlan: null,
      putResult: null,
      sendResult: null,
      copyEstimate: null,
      copyPlan: null,
      copyError: null,
      copyConflict: false,
    });
  },
  closeWriteDialog() {
    set({ writeDialog: null });
  },
  async planPut(input) {
    const key = writePlanKey(input);
    set({ writePlan: { key, state: loading }, putResult: null });
    const state = await settle(api.writes.planPut(input));
    if (get().writePlan?.key === key) set({ writePlan: { key, state } });
  },
  async planSend(input) {
    const key = writePlanKey(input);
    set({ writePlan: { key, state: loading }, sendResult: null });
    const state = await settle(api.writes.planSend(input));
    if (get().writePlan?.key === key) set({ writePlan: { key, state } });
  },
  dropWritePlan() {
    set({ writePlan: null, copyPlan: null });
  },
  async putRecord(input, token) {
    set({ putResult: loading });
    set({ putResult: await settle(api.writes.put({ ...input, token })), writePlan: null });
  },
  async sendRecords(input, token) {
    set({ sendResult: loading });
    set({ sendResult: await settle(api.writes.send({ ...input, token })), writePlan: null });
  },
  async estimateCopy(spec) {
    set({ copyEstimate: loading });
    set({ copyEstimate: await settle(api.copies.estimate({ spec })) });
  },
  async planCopy(spec, key) {
    set({ copyPlan: { key, spec, state: loading }, copyError: null, copyConflict: false });
    const state = await settle(api.copies.estimate({ spec }));
    if (get().copyPlan?.key === key) set({ copyPlan: { key, spec, state } });
  },
  async startCopy(spec, how = {}) {
    if (get().copyStarting) return;
    set({ copyError: null, copyProgress: null, copyStarting: true, copyConflict: false, copyPlan: null });
    try {
      // A token is spent once, refused or not: resuming or starting over after a conflict is estimated again.
      const token = how.token ?? (await unwrap(api.copies.estimate({ spec, restart: Boolean(how.restart) }))).token;
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

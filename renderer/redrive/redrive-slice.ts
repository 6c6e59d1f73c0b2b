import { ApiError, messageOf, unwrap } from '../api/api-error';
import { loading, settle, type QueryState } from '../api/query-state';
import type { NoticeSource, RedrivePlanned, RedriveSlice } from '../state/redrive-state';
import type { SliceCreator } from '../state/store';
import type { NoticeTexts } from '../../shared/contract';

/** The notices of a source as the redrive calls take them: a queue by its sqs:// address, files by their text. */
export function noticesOf(source: NoticeSource): { from: string } | { texts: NoticeTexts } {
  return source.kind === 'queue' ? { from: `sqs://${source.queueUrl}` } : { texts: source.texts };
}

const heldBy = (state: QueryState<RedrivePlanned> | undefined): string | null =>
  state?.status === 'ok' ? (state.data.plan.queue?.hold ?? null) : null;

export const createRedriveSlice: SliceCreator<RedriveSlice> = (api) => (set, get) => {
  /** Hands back or deletes a queue's held messages; what main said is shown. */
  async function settleHold(hold: string, done: boolean): Promise<void> {
    const settled = await settle(api.redrive.settleQueue({ hold, done }));
    if (settled.status === 'ok') set({ redriveSettled: settled.data });
    else if (settled.status === 'error') set({ redriveError: settled.error.message });
  }
  /** The plan shown is dropped; messages held for it and not taken by a started session go back. */
  async function forgetPlan(): Promise<void> {
    const hold = heldBy(get().redrivePlan?.state);
    set({ redrivePlan: null });
    if (hold && get().redriveHold?.hold !== hold) await settleHold(hold, false);
  }
  /** Asks for an action's plan for these fields, keeping only the answer to the latest question. */
  async function plan(key: string, ask: () => Promise<RedrivePlanned>): Promise<void> {
    await forgetPlan();
    set({ redrivePlan: { key, state: loading }, redriveError: null, redriveSettled: null });
    let state: QueryState<RedrivePlanned>;
    try {
      state = { status: 'ok', data: await ask() };
    } catch (error) {
      state = { status: 'error', error: error instanceof ApiError ? error : new ApiError({ code: 'internal', message: messageOf(error) }) };
    }
    if (get().redrivePlan?.key === key) set({ redrivePlan: { key, state } });
    else if (heldBy(state)) await settleHold(heldBy(state)!, false);
  }
  const sourceNow = (): NoticeSource => {
    const source = get().failuresSource;
    if (!source) throw new Error('No notices are open.');
    return source;
  };

  return {
    failuresSource: null,
    failures: null,
    selectedFailureId: null,
    redriveDialog: null,
    redrivePlan: null,
    redriveHold: null,
    redriveSettled: null,
    redriveError: null,
    redriveStarted: null,
    redriveStartError: null,
    async openFailures(source) {
      await forgetPlan();
      set({ failuresSource: source, failures: loading, selectedFailureId: null, redriveDialog: null, redriveSettled: null });
      get().goTo('failures');
      const state = await settle(api.redrive.find(noticesOf(source)));
      if (get().failuresSource !== source) return;
      set({ failures: state });
      // Looking deletes nothing: the queue's messages go back at once, and a put-back or an
      // export takes them again and deletes them once it completes.
      if (state.status === 'ok' && state.data.queue) await settleHold(state.data.queue.hold, false);
    },
    selectFailure(id) {
      set({ selectedFailureId: id });
    },
    openRedriveDialog(action) {
      // Opened again while its put-back or export runs, the dialog shows that one's progress again.
      const started = get().redriveStarted;
      const running = started?.action === action && get().sessionStatuses[started.sessionId]?.state !== 'stopped';
      set({
        redriveDialog: action,
        redrivePlan: null,
        redriveError: null,
        redriveSettled: null,
        redriveStarted: running ? started : null,
        redriveStartError: null,
      });
    },
    async closeRedriveDialog() {
      set({ redriveDialog: null });
      await forgetPlan();
    },
    dropRedrivePlan: forgetPlan,
    planSendBack(target, key) {
      return plan(key, async () => {
        const planned = await unwrap(
          api.redrive.planCopy({ ...noticesOf(sourceNow()), target: target.stream, targetProfile: target.profile }),
        );
        try {
          // The copy's own estimate: its target as every write names it, and the token that starts it.
          return { action: 'send', plan: planned, estimate: await unwrap(api.copies.estimate({ spec: planned.spec })) };
        } catch (error) {
          if (planned.queue) await settleHold(planned.queue.hold, false);
          throw error;
        }
      });
    },
    planExport(run, key) {
      return plan(key, async () => ({
        action: 'export',
        plan: await unwrap(api.redrive.planExport({ ...noticesOf(sourceNow()), run })),
      }));
    },
    async startRedrive(how = {}) {
      const planned = get().redrivePlan?.state;
      if (planned?.status !== 'ok') return;
      const { data } = planned;
      const hold = data.plan.queue?.hold ?? null;
      set({ redriveStartError: null });
      if (data.action === 'send') {
        const fresh = !how.resume && !how.restart;
        await get().startCopy(data.plan.spec, fresh ? { token: data.estimate.token } : how);
      } else await get().startRun(data.plan.spec, Boolean(how.resume), null, Boolean(how.restart));
      const sessionId = data.action === 'send' ? get().copySession : get().runSession;
      const error = data.action === 'send' ? get().copyError : get().runError;
      if (error || !sessionId) {
        set({ redriveStartError: { message: error ?? 'It did not start.', conflict: data.action === 'send' && get().copyConflict } });
        return;
      }
      // Its progress is shown under the plan; a queue's hold now follows the session.
      set({ redriveStarted: { action: data.action, sessionId }, ...(hold ? { redriveHold: { hold, sessionId } } : {}) });
    },
    receiveRedriveStatus(status) {
      const held = get().redriveHold;
      if (!held || held.sessionId !== status.sessionId || status.state !== 'stopped') return;
      set({ redriveHold: null });
      void settleHold(held.hold, status.stoppedBy === 'completed').catch((error: unknown) => set({ redriveError: messageOf(error) }));
    },
  };
};

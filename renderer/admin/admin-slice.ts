import type { CallOutput, StreamChangeInput } from '../../shared/contract';
import { ApiError } from '../api/api-error';
import { settle, loading, type QueryState } from '../api/query-state';
import type { SliceCreator } from '../app/store';

/** The kinds of change a dialog opens on, and what it starts with (a shard to split, say). */
export type ChangeKind = StreamChangeInput['type'];
export interface ChangeDialogState {
  kind: ChangeKind;
  stream: string;
  /** A shard chosen where the dialog was opened from (the shard map, a hot shard). */
  shardId?: string;
  adjacentShardId?: string;
}

export interface AdminSlice {
  changeDialog: ChangeDialogState | null;
  /** The plan shown, with the token main gave it: only this plan can be applied. */
  changePlan: QueryState<CallOutput<'admin:plan'>> | null;
  /** The change the plan is for (as JSON): a plan for fields since edited is not confirmed. */
  changePlanFor: string | null;
  changeResult: QueryState<{ applied: boolean; steps: string[]; awsCli: string[] }> | null;
  /** The stream's status while a change is applied (CREATING, UPDATING, DELETING…), polled once a second. */
  changeStreamStatus: string | null;
  openChange(dialog: ChangeDialogState): void;
  closeChange(): void;
  planStreamChange(change: StreamChangeInput): Promise<void>;
  /** Applies the change (main follows the stream until ACTIVE), then reloads the list and the detail. */
  applyStreamChange(change: StreamChangeInput): Promise<void>;
}

export const createAdminSlice: SliceCreator<AdminSlice> = (api) => (set, get) => {
  // Only the newest plan may land: the form changes while an older plan is being made.
  let latestPlan = 0;
  return {
    changeDialog: null,
    changePlan: null,
    changePlanFor: null,
    changeResult: null,
    changeStreamStatus: null,
    openChange(changeDialog) {
      set({ changeDialog, changePlan: null, changeResult: null });
    },
    closeChange() {
      set({ changeDialog: null });
    },
    async planStreamChange(change) {
      const request = ++latestPlan;
      set({ changePlan: loading, changePlanFor: null });
      const plan = await settle(api.admin.plan({ change }));
      if (request === latestPlan) set({ changePlan: plan, changePlanFor: JSON.stringify(change) });
    },
    async applyStreamChange(change) {
      const { changePlan, changePlanFor } = get();
      if (changePlan?.status !== 'ok' || changePlanFor !== JSON.stringify(change)) {
        set({
          changeResult: { status: 'error', error: new ApiError({ code: 'invalid-input', message: 'Wait for the plan of this change.' }) },
        });
        return;
      }
      set({ changeResult: loading, changeStreamStatus: null });
      // Main follows the stream until ACTIVE before it answers; meanwhile the dialog shows where it is.
      const poll = setInterval(() => {
        void settle(api.streams.describe({ name: change.stream })).then((state) => {
          if (get().changeResult?.status === 'loading' && state.status === 'ok') set({ changeStreamStatus: state.data.status });
        });
      }, 1_000);
      const result = await settle(api.admin.apply({ change, token: changePlan.data.token })).finally(() => clearInterval(poll));
      set({ changeResult: result, changeStreamStatus: null });
      if (result.status !== 'ok') return;
      void get().refreshStreams();
      if (change.type === 'delete') get().selectStream(null);
      else void get().loadStreamDetail(change.stream);
    },
  };
};

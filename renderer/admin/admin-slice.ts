import { ApiError } from '../api/api-error';
import { settle, loading } from '../api/query-state';
import type { SliceCreator } from '../state/store';
import type { AdminSlice } from '../state/admin-state';

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

import { ApiError, messageOf, unwrap } from '../api/api-error';
import { loading, settle } from '../api/query-state';
import { createSessionSlice } from '../state/create-session-slice';
import type { SliceCreator } from '../state/store';
import { selectConnectionKey } from '../state/connection-state';
import { registrySchemasKey, type WritesSlice, writePlanKey } from '../state/writes-state';

export const createWritesSlice: SliceCreator<WritesSlice> = (api) => (set, get) => {
  // Its start is the slice's own (a token first, a conflict to resume or start over); stop and
  // progress are every session's. Kept after a stop: the copy's last progress still arrives.
  const copy = createSessionSlice(set, get, api.copies, { id: 'copySession', error: 'copyError' });
  return {
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
    registrySchemas: {},
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
    stopCopy: copy.stop,
    async loadRegistrySchemas(registry) {
      // Kept under the connection it was asked on, should the window switch before it answers.
      const key = registrySchemasKey(selectConnectionKey(get()), registry);
      set({ registrySchemas: { ...get().registrySchemas, [key]: loading } });
      const state = await settle(api.schemas.listRegistry({ kind: registry }));
      set({ registrySchemas: { ...get().registrySchemas, [key]: state } });
    },
    receiveCopyProgress(progress) {
      copy.receive(progress, (copyProgress) => ({ copyProgress }));
    },
  };
};

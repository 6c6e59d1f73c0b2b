import { messageOf, unwrap } from '../api/api-error';
import { createSessionSlice } from '../state/create-session-slice';
import type { SliceCreator } from '../state/store';
import type { RunsSlice } from '../state/runs-state';

export const createRunsSlice: SliceCreator<RunsSlice> = (api) => (set, get) => {
  const session = createSessionSlice(set, get, api.runs, { id: 'runSession', error: 'runError' });
  return {
    runSession: null,
    runTarget: null,
    runProgress: null,
    runError: null,
    runHistory: null,
    runHistoryError: null,
    host: null,
    compressions: null,
    async startRun(spec, resume, connection = null, restart = false) {
      await session.start(
        { spec, resume, restart, connection },
        { runProgress: null },
        { runTarget: { stream: spec.stream, folder: spec.folder } },
      );
    },
    stopRun: session.stop,
    receiveRunProgress(progress) {
      session.receive(progress, (runProgress) => ({ runProgress }));
    },
    async loadRunHistory() {
      try {
        set({ runHistory: (await unwrap(api.runs.history())).runs, runHistoryError: null });
      } catch (error) {
        set({ runHistoryError: messageOf(error) });
      }
    },
    async loadHost() {
      if (get().host) return;
      try {
        const info = await unwrap(api.app.info());
        set({ host: info.host, compressions: info.compressions });
      } catch {
        set({ host: 'browser' });
      }
    },
  };
};

import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../state/store';
import type { RunsSlice } from '../state/runs-state';

export const createRunsSlice: SliceCreator<RunsSlice> = (api) => (set, get) => ({
  runSession: null,
  runTarget: null,
  runProgress: null,
  runError: null,
  runHistory: null,
  runHistoryError: null,
  host: null,
  compressions: null,
  async startRun(spec, resume, connection = null, restart = false) {
    set({ runError: null, runProgress: null });
    try {
      const { sessionId } = await unwrap(api.runs.start({ spec, resume, restart, connection }));
      set({ runSession: sessionId, runTarget: { stream: spec.stream, folder: spec.folder } });
    } catch (error) {
      set({ runError: messageOf(error) });
    }
  },
  async stopRun() {
    const sessionId = get().runSession;
    if (sessionId) await api.runs.stop({ sessionId });
  },
  receiveRunProgress(progress) {
    if (progress.sessionId === get().runSession) set({ runProgress: progress });
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
});

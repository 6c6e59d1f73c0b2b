import type { AppInfo, RunProgress, RunSpecInput, RunSummary } from '../../shared/contract';

export interface RunsSlice {
  runSession: string | null;
  /** What the running session reads and where it writes, to name it if it is lost. */
  runTarget: { stream: string; folder: string } | null;
  runProgress: RunProgress | null;
  runError: string | null;
  runHistory: RunSummary[] | null;
  runHistoryError: string | null;
  /** Which host this window runs in: only Electron has a folder dialog. */
  host: AppInfo['host'] | null;
  /** What main's runtime can write, per format, the default first; null until asked. */
  compressions: AppInfo['compressions'] | null;
  startRun(spec: RunSpecInput, resume: boolean, connection?: string | null, restart?: boolean): Promise<void>;
  stopRun(): Promise<void>;
  receiveRunProgress(progress: RunProgress): void;
  loadRunHistory(): Promise<void>;
  loadHost(): Promise<void>;
}

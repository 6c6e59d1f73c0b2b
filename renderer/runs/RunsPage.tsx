import { useEffect } from 'react';
import { useApi, useAppStore } from '../app/store';
import { RunForm } from './RunForm';
import { RunHistory } from './RunHistory';
import { RunProgressPanel } from './RunProgressPanel';
import { useRunForm, valuesFrom } from './useRunForm';
import { runAgainConnection } from './run-connection';

/** Ingestion runs: start or resume one, watch it, and the history. A run goes on when this page is left. */
export function RunsPage() {
  const api = useApi();
  const form = useRunForm();
  const session = useAppStore((s) => s.runSession);
  const status = useAppStore((s) => (s.runSession ? s.sessionStatuses[s.runSession] : undefined));
  const progress = useAppStore((s) => s.runProgress);
  const error = useAppStore((s) => s.runError);
  const history = useAppStore((s) => s.runHistory);
  const historyError = useAppStore((s) => s.runHistoryError);
  const host = useAppStore((s) => s.host);
  const stop = useAppStore((s) => s.stopRun);
  const loadHistory = useAppStore((s) => s.loadRunHistory);
  const loadHost = useAppStore((s) => s.loadHost);
  const running = session !== null && status?.state !== 'stopped';
  const active = useAppStore((s) => s.connection);
  const saved = useAppStore((s) => s.connectionList);
  const loadConnections = useAppStore((s) => s.loadConnectionList);
  // "Run again" needs the saved connections to tell one that is gone.
  useEffect(() => void loadConnections(), [loadConnections]);

  useEffect(() => void loadHost(), [loadHost]);
  // The history changes when a run ends.
  useEffect(() => void loadHistory(), [loadHistory, status?.state]);

  return (
    <section className="page" aria-labelledby="runs-heading">
      <header className="page__header">
        <h1 id="runs-heading">Runs</h1>
      </header>
      <p className="muted">
        Bring a range of a stream into JSON Lines, CSV or Parquet files: every record exactly once, resumable after a stop or a crash.
      </p>
      <RunForm form={form} running={running} />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {session && <RunProgressPanel progress={progress} status={status} onStop={() => void stop()} />}
      <h2>History</h2>
      <RunHistory
        runs={history}
        error={historyError}
        canOpenFolders={host === 'electron'}
        onOpenFolder={(folder) => void api.runs.openFolder({ folder })}
        onRunAgain={(run) => {
          const choice = runAgainConnection(
            run,
            active,
            (saved?.profiles ?? []).map((p) => p.name),
          );
          form.setValues({
            ...valuesFrom(run),
            ...('gone' in choice ? { connectionGone: choice.gone } : { connection: choice.connection, connectionLabel: choice.label }),
          });
        }}
      />
    </section>
  );
}

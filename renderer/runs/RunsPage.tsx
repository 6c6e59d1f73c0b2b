import { useEffect, useState } from 'react';
import type { RunSummary } from '../../shared/contract';
import { useApi, useAppStore } from '../state/store';
import { RunForm } from './RunForm';
import { RunHistory } from './RunHistory';
import { RunProgressPanel } from './RunProgressPanel';
import { useRunForm, valuesFrom } from './useRunForm';
import { runAgainConnection } from './run-connection';
import { StartOverDialog } from './StartOverDialog';
import { PipelineDialog } from './handover/PipelineDialog';

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
  const start = useAppStore((s) => s.startRun);
  const target = useAppStore((s) => s.runTarget);
  const [startingOver, setStartingOver] = useState<RunSummary | null>(null);
  const [handingOver, setHandingOver] = useState<RunSummary | null>(null);
  const savedNames = (saved?.profiles ?? []).map((p) => p.name);
  // The run this page watched, once it failed with files kept: its history line carries the remedy.
  const failedHere =
    status?.stoppedBy === 'error' && target
      ? (history?.find((run) => run.folder === target.folder && run.stream === target.stream) ?? null)
      : null;
  const startOverChoice = startingOver ? runAgainConnection(startingOver, active, savedNames) : null;

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
      {session && (
        <RunProgressPanel
          progress={progress}
          status={status}
          onStop={() => void stop()}
          onStartOver={failedHere?.remedy === 'start-over' && failedHere.spec ? () => setStartingOver(failedHere) : null}
        />
      )}
      {startingOver && startOverChoice && (
        <StartOverDialog
          run={startingOver}
          connectionNote={
            'gone' in startOverChoice
              ? `The connection it used, ${startOverChoice.gone}, cannot be opened here any more: it reads with the current connection.`
              : `It reads with ${startOverChoice.label}, the connection it used.`
          }
          onClose={() => setStartingOver(null)}
          onConfirm={() => {
            setStartingOver(null);
            void start(startingOver.spec!, false, 'gone' in startOverChoice ? null : startOverChoice.connection, true);
          }}
        />
      )}
      {handingOver && <PipelineDialog run={handingOver} onClose={() => setHandingOver(null)} />}
      <h2>History</h2>
      <RunHistory
        runs={history}
        error={historyError}
        canOpenFolders={host === 'electron'}
        onOpenFolder={(folder) => void api.runs.openFolder({ folder })}
        onStartOver={setStartingOver}
        onContinue={setHandingOver}
        onRunAgain={(run) => {
          const choice = runAgainConnection(run, active, savedNames);
          form.setValues({
            ...valuesFrom(run),
            ...('gone' in choice ? { connectionGone: choice.gone } : { connection: choice.connection, connectionLabel: choice.label }),
          });
        }}
      />
    </section>
  );
}

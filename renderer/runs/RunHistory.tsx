import type { RunSummary } from '../../shared/contract';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { count, duration } from '../ui/format';
import { connectionName } from './run-connection';
import { runOutcomeWords } from '../../shared/run-words';
import { isS3Target } from '../../shared/contract';
import { CopyButton } from '../ui/CopyButton';

interface RunHistoryProps {
  runs: RunSummary[] | null;
  error: string | null;
  canOpenFolders: boolean;
  onOpenFolder(folder: string): void;
  onRunAgain(run: RunSummary): void;
  onStartOver(run: RunSummary): void;
  /** Offered for a run that ended with its records written (completed or stopped), so an engine can carry on from it. */
  onContinue(run: RunSummary): void;
}

/** The runs of this data folder, the app's and the CLI's, newest first. */
export function RunHistory({ runs, error, canOpenFolders, onOpenFolder, onRunAgain, onStartOver, onContinue }: RunHistoryProps) {
  if (error) return <ErrorState title="Could not read the run history" message={error} />;
  if (!runs) return <LoadingState label="Loading the run history" />;
  if (runs.length === 0)
    return <EmptyState title="No runs yet" message="Runs started here or with the ingest command are listed once they end." />;
  return (
    <table className="table run-history" aria-label="Run history">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Stream</th>
          <th scope="col">Connection</th>
          <th scope="col">Output</th>
          <th scope="col">Format</th>
          <th scope="col">Records</th>
          <th scope="col">Files</th>
          <th scope="col">Rejected</th>
          <th scope="col">Took</th>
          <th scope="col">Outcome</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={`${run.folder}-${run.endedAt}`}>
            <td className="run-history__when">{new Date(run.startedAt).toLocaleString()}</td>
            <th scope="row" className="mono">
              {run.stream}
            </th>
            <td>{connectionName(run.connection)}</td>
            <td className="mono run-history__output">{run.folder}</td>
            <td className="run-history__short">{run.format}</td>
            <td>{count(run.records)}</td>
            <td>{count(run.files)}</td>
            <td>{count(run.rejects)}</td>
            <td>{duration(run.seconds)}</td>
            <td className="run-history__short" title={run.reason ?? undefined}>
              {runOutcomeWords[run.outcome]}
            </td>
            <td className="table__actions run-history__actions">
              <div className="run-history__buttons">
                {isS3Target(run.folder) ? (
                  <CopyButton text={run.folder} label={`Copy the S3 location of the ${run.stream} run`} visibleLabel="Copy location" />
                ) : (
                  canOpenFolders && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => onOpenFolder(run.folder)}
                      aria-label={`Open the folder of the ${run.stream} run`}
                    >
                      Open folder
                    </button>
                  )
                )}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onRunAgain(run)}
                  aria-label={`Run ${run.stream} again`}
                >
                  Run again
                </button>
                {run.outcome !== 'failed' && (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onContinue(run)}
                    aria-label={`Continue the ${run.stream} run on a managed engine`}
                  >
                    Continue on a managed engine…
                  </button>
                )}
                {run.remedy === 'start-over' && run.spec && (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onStartOver(run)}
                    aria-label={`Start the ${run.stream} run in ${run.folder} over`}
                  >
                    Start over
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { RunProgress, SessionStatus } from '../../shared/contract';
import { runOutcomeTitle } from '../../shared/run-words';
import { Readouts } from '../ui/Readouts';
import { ShardProgressList } from '../ui/ShardProgressList';
import { ErrorState } from '../ui/States';
import { bytes, count, duration } from '../ui/format';
import { stopMessage } from '../ui/stop-message';

/** A run's totals, rate and ETA, each shard's bar and state; Stop while it runs. */
export function RunProgressPanel({
  progress,
  status,
  onStop,
  onStartOver,
}: {
  progress: RunProgress | null;
  status: SessionStatus | undefined;
  onStop(): void;
  /** Offered once the run failed having written something (its remedy is to start over). */
  onStartOver: (() => void) | null;
}) {
  const running = status !== undefined && status.state !== 'stopped';
  const stopped = stopMessage('run', status);
  const overall =
    progress && progress.shards.length ? progress.shards.reduce((sum, s) => sum + (s.fraction ?? 0), 0) / progress.shards.length : 0;
  return (
    <section className="panel" aria-labelledby="run-progress-heading">
      <header className="page__header">
        <h2 id="run-progress-heading">
          {running
            ? 'Running'
            : status?.state === 'stopped'
              ? runOutcomeTitle(status.stoppedBy === 'completed' ? 'completed' : status.stoppedBy === 'error' ? 'failed' : 'stopped')
              : 'Starting'}
        </h2>
        {running && (
          <button type="button" className="button" onClick={onStop}>
            Stop run
          </button>
        )}
      </header>
      {stopped && <ErrorState title="The run stopped" message={stopped} />}
      {onStartOver && (
        <button type="button" className="button" onClick={onStartOver}>
          Start over
        </button>
      )}
      {progress && (
        <>
          <p className="muted mono">{progress.folder}</p>
          <progress className="run-bar" max={1} value={overall} aria-label={`Whole run: ${Math.round(overall * 100)} %`} />
          <Readouts
            label="Run totals"
            items={[
              ['records written', count(progress.records)],
              ['bytes', bytes(progress.bytes)],
              ['files complete', count(progress.files)],
              ['rejected', count(progress.rejects)],
              ['records per second', count(Math.round(progress.recordsPerSecond))],
              ['time left', running ? duration(progress.etaSeconds) : '–'],
            ]}
          />
          <ShardProgressList label="Shards" shards={progress.shards} running={running} stoppedValue={0} />
        </>
      )}
    </section>
  );
}

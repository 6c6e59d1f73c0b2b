import { useState } from 'react';
import type { HeatInput } from '../../../../shared/contract';
import { formatSize } from '../../../../shared/format';
import { useAppStore } from '../../../state/store';
import { ReadWindowFields, useReadWindow } from '../../../ui/read-window/ReadWindow';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/States';
import { HeatReportView } from './HeatReportView';
import './heat.css';

/** Heat over a window of one stream: the form, the read's progress, then the report and what to do about it. */
export function HeatPanel({ stream }: { stream: string }) {
  const mine = useAppStore((s) => s.heatStream === stream);
  const session = useAppStore((s) => s.heatSession);
  const progress = useAppStore((s) => s.heatProgress);
  const report = useAppStore((s) => s.heatReport);
  const error = useAppStore((s) => s.heatError);
  const stopReason = useAppStore((s) => s.heatStopReason);
  const running = useAppStore((s) => Boolean(s.heatSession && s.sessionStatuses[s.heatSession]?.state !== 'stopped') && !s.heatReport);
  const start = useAppStore((s) => s.startHeat);
  const stop = useAppStore((s) => s.stopHeat);
  const readWindow = useReadWindow();
  const [by, setBy] = useState<'second' | 'minute'>('second');
  const [top, setTop] = useState('10');
  const [formError, setFormError] = useState<string | null>(null);

  const build = (): HeatInput | string => {
    const range = readWindow.resolve();
    if (typeof range === 'string') return range;
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1 || n > 1_000) return 'Top keys is a whole number from 1 to 1,000.';
    return {
      stream,
      ...range,
      by,
      top: n,
    };
  };

  return (
    <section className="panel detail-panel heat" aria-label="Heat">
      <header className="detail-panel__header">
        <h2>Heat and capacity</h2>
      </header>
      <form
        className="heat__form"
        aria-label="Heat over a window"
        onSubmit={(event) => {
          event.preventDefault();
          const input = build();
          if (typeof input === 'string') return setFormError(input);
          setFormError(null);
          void start(input);
        }}
      >
        <ReadWindowFields
          readWindow={readWindow}
          labels={{ start: 'Heat window start', startTime: 'Heat start time', end: 'Heat window end' }}
        />
        <select className="select" aria-label="Series step" value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
          <option value="second">By the second</option>
          <option value="minute">By the minute</option>
        </select>
        <input
          className="input heat__top"
          type="number"
          min={1}
          max={1000}
          aria-label="Top keys"
          value={top}
          onChange={(e) => setTop(e.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={running}>
          Start heat
        </button>
        {running && (
          <button type="button" className="button" onClick={() => void stop()}>
            Stop heat
          </button>
        )}
      </form>
      {formError && (
        <p className="field__error" role="alert">
          {formError}
        </p>
      )}
      {mine && error && <ErrorState title="Heat did not start" message={error} />}
      {mine && stopReason && <ErrorState title="Heat stopped early" message={`${stopReason} The report covers what was read.`} />}
      {mine && running && (
        <div role="status" aria-label="Heat progress">
          <LoadingState
            label={`Reading the window: ${(progress?.scanned ?? 0).toLocaleString()} user records, ${formatSize(progress?.bytes ?? 0)}${
              progress ? ` from ${progress.shards.length} shards` : ''
            }`}
          />
        </div>
      )}
      {mine && report ? (
        <HeatReportView report={report} />
      ) : (
        !(mine && (running || error || session)) && (
          <EmptyState title="No heat yet" message="Choose a window and start: every record in it is counted by shard, second and key." />
        )
      )}
    </section>
  );
}

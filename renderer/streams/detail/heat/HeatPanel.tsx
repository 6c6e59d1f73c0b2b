import { useState } from 'react';
import type { HeatInput } from '../../../../shared/contract';
import { formatSize } from '../../../../shared/format';
import { parseMoment } from '../../../../shared/positions';
import { useAppStore } from '../../../state/store';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/States';
import { HeatReportView } from './HeatReportView';
import './heat.css';

const windows = [
  ['-15m', 'Last 15 minutes'],
  ['-1h', 'Last hour'],
  ['-24h', 'Last 24 hours'],
  ['TRIM_HORIZON', 'Everything kept'],
  ['custom', 'From a time'],
] as const;

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
  const [from, setFrom] = useState<(typeof windows)[number][0]>('-15m');
  const [fromTime, setFromTime] = useState('');
  const [until, setUntil] = useState('');
  const [by, setBy] = useState<'second' | 'minute'>('second');
  const [top, setTop] = useState('10');
  const [formError, setFormError] = useState<string | null>(null);

  const build = (): HeatInput | string => {
    const at = from === 'TRIM_HORIZON' ? null : parseMoment(from === 'custom' ? fromTime : from);
    if (from !== 'TRIM_HORIZON' && !at) return 'The start is an ISO-8601 time or a relative one like -15m.';
    const end = until.trim() ? parseMoment(until) : null;
    if (until.trim() && !end) return 'The end is an ISO-8601 time, a relative one like -5m, or empty for "now".';
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1 || n > 1_000) return 'Top keys is a whole number from 1 to 1,000.';
    return {
      stream,
      from: at ? { type: 'AT_TIMESTAMP', timestamp: at.toISOString() } : { type: 'TRIM_HORIZON' },
      until: end ? { type: 'time', time: end.toISOString() } : { type: 'caught-up' },
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
        <select className="select" aria-label="Heat window start" value={from} onChange={(e) => setFrom(e.target.value as typeof from)}>
          {windows.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {from === 'custom' && (
          <input
            className="input"
            aria-label="Heat start time"
            placeholder="2026-11-28T10:00:00Z"
            value={fromTime}
            onChange={(e) => setFromTime(e.target.value)}
          />
        )}
        <input
          className="input"
          aria-label="Heat window end"
          placeholder="now (caught up)"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
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

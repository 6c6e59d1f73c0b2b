import { useState } from 'react';
import type { SearchInput, StartPosition } from '../../../shared/contract';
import { parseMoment } from '../../../shared/positions';

/** The windows a read of the past offers; `custom` asks for a time of the user's own. */
export const WINDOW_STARTS = [
  ['-15m', 'Last 15 minutes'],
  ['-1h', 'Last hour'],
  ['-24h', 'Last 24 hours'],
  ['TRIM_HORIZON', 'Everything kept'],
  ['custom', 'From a time'],
] as const;

export type WindowStart = (typeof WINDOW_STARTS)[number][0];

/** A saved start as the form's two fields: one of the offered windows, or a time of its own. */
export function windowOf(start: string | undefined): { from: WindowStart; fromTime: string } {
  if (start === undefined) return { from: '-15m', fromTime: '' };
  const offered = WINDOW_STARTS.some(([value]) => value === start && value !== 'custom');
  return offered ? { from: start as WindowStart, fromTime: '' } : { from: 'custom', fromTime: start };
}

type SearchEnd = SearchInput['until'];

export interface ReadWindow {
  from: WindowStart;
  fromTime: string;
  until: string;
  setFrom(from: WindowStart): void;
  setFromTime(time: string): void;
  setUntil(until: string): void;
  /** The window as a read takes it, or what is wrong with the fields. */
  resolve(): { from: StartPosition; until: SearchEnd } | string;
}

/** The start and end fields of a read over a window (search, heat), from a saved start and end if any. */
export function useReadWindow(initial: { start?: string; end?: string } = {}): ReadWindow {
  const [from, setFrom] = useState<WindowStart>(() => windowOf(initial.start).from);
  const [fromTime, setFromTime] = useState(() => windowOf(initial.start).fromTime);
  const [until, setUntil] = useState(initial.end ?? '');
  const resolve = () => {
    const at = from === 'TRIM_HORIZON' ? null : parseMoment(from === 'custom' ? fromTime : from);
    if (from !== 'TRIM_HORIZON' && !at) return 'The start is an ISO-8601 time or a relative one like -15m.';
    const end = until.trim() ? parseMoment(until) : null;
    if (until.trim() && !end) return 'The end is an ISO-8601 time, a relative one like -5m, or empty for "now".';
    return {
      from: at ? ({ type: 'AT_TIMESTAMP', timestamp: at.toISOString() } as const) : ({ type: 'TRIM_HORIZON' } as const),
      until: end ? ({ type: 'time', time: end.toISOString() } as const) : ({ type: 'caught-up' } as const),
    };
  };
  return { from, fromTime, until, setFrom, setFromTime, setUntil, resolve };
}

/** The fields' accessible names: each page names its own, so one page's fields are told from another's. */
export interface ReadWindowLabels {
  start: string;
  startTime: string;
  end: string;
}

/** The start (an offered window or a time) and the end of a read's window. */
export function ReadWindowFields({ readWindow, labels }: { readWindow: ReadWindow; labels: ReadWindowLabels }) {
  return (
    <>
      <select
        className="select"
        aria-label={labels.start}
        value={readWindow.from}
        onChange={(e) => readWindow.setFrom(e.target.value as WindowStart)}
      >
        {WINDOW_STARTS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {readWindow.from === 'custom' && (
        <input
          className="input"
          aria-label={labels.startTime}
          placeholder="2026-11-28T10:00:00Z"
          value={readWindow.fromTime}
          onChange={(e) => readWindow.setFromTime(e.target.value)}
        />
      )}
      <input
        className="input"
        aria-label={labels.end}
        placeholder="now (caught up)"
        value={readWindow.until}
        onChange={(e) => readWindow.setUntil(e.target.value)}
      />
    </>
  );
}

import { useState } from 'react';
import { StreamCombobox } from '../ui/picker/StreamCombobox';
import type { SearchInput } from '../../shared/contract';
import { useAppStore } from '../state/store';
import type { OpenedView } from '../state/views-state';
import { ReadWindowFields, useReadWindow } from '../ui/read-window/ReadWindow';
import { SaveViewDialog } from '../ui/saved-view/SaveViewDialog';
import { recentExpressions, rememberExpression } from './recent-expressions';
import { useExpressionCheck } from './useExpressionCheck';

/**
 * The window and the expression: what a search reads and what it keeps. `opened` is a saved view
 * whose settings the form starts from (the page remounts the form for each opening).
 */
export function SearchForm({ running, opened }: { running: boolean; opened?: OpenedView | null }) {
  const stream = useAppStore((s) => s.previewStream);
  const setStream = useAppStore((s) => s.setPreviewStream);
  const start = useAppStore((s) => s.startSearch);
  const stop = useAppStore((s) => s.stopSearch);
  const columns = useAppStore((s) => s.recordColumns[stream.trim()]);
  const settings = opened?.view.page === 'search' ? opened.view.settings : undefined;
  const readWindow = useReadWindow({ start: settings?.start, end: settings?.end });
  const [expression, setExpression] = useState(settings?.filter ?? '');
  const [limit, setLimit] = useState(String(settings?.limit ?? 1000));
  /** The expression a view is being saved with: the form's own, or a recent one's. */
  const [saving, setSaving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compileError = useExpressionCheck(expression);
  const recent = recentExpressions(stream.trim());

  const build = (): SearchInput | string => {
    const range = readWindow.resolve();
    if (typeof range === 'string') return range;
    return {
      stream: stream.trim(),
      ...range,
      expression,
      limit: Number(limit) || 1_000,
    };
  };

  return (
    <>
      <form
        className="panel form"
        aria-label="Search a window"
        onSubmit={(event) => {
          event.preventDefault();
          const input = build();
          if (typeof input === 'string') return setError(input);
          setError(null);
          rememberExpression(input.stream, expression);
          void start(input);
        }}
      >
        <div className="preview-controls">
          <StreamCombobox label="Stream to search" value={stream} onChange={setStream} required />
          <ReadWindowFields readWindow={readWindow} labels={{ start: 'Window start', startTime: 'Start time', end: 'Window end' }} />
          <input className="input" type="number" aria-label="Most matches" value={limit} onChange={(e) => setLimit(e.target.value)} />
        </div>
        <label className="field__label" htmlFor="search-expression">
          Expression (CEL)
        </label>
        <textarea
          id="search-expression"
          className="input mono"
          rows={2}
          spellCheck={false}
          placeholder='data.status == "FAILED" && data.total.amount > 100.0'
          value={expression}
          onChange={(e) => setExpression(e.target.value)}
          aria-invalid={Boolean(compileError)}
          aria-describedby="search-expression-help"
        />
        <span id="search-expression-help" className="field__hint">
          Sees data, partitionKey, shardId, sequenceNumber, subSequenceNumber, arrivalTime and size. A record without a field it reads does
          not match.
        </span>
        {compileError && (
          <pre className="field__error mono" role="alert">
            {compileError}
          </pre>
        )}
        {recent.length > 0 && (
          <div className="toolbar" aria-label="Recent expressions">
            {recent.map((e) => (
              <span key={e} className="search__recent">
                <button type="button" className="button button--small mono" onClick={() => setExpression(e)}>
                  {e}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Save ${e} as a view…`}
                  title="Save as view…"
                  onClick={() => setSaving(e)}
                >
                  Save…
                </button>
              </span>
            ))}
          </div>
        )}
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={!stream.trim() || !expression.trim() || Boolean(compileError)}>
            Search
          </button>
          {running && (
            <button type="button" className="button" onClick={() => void stop()}>
              Stop search
            </button>
          )}
          <button type="button" className="button" disabled={!stream.trim()} onClick={() => setSaving(expression)}>
            Save as view…
          </button>
        </div>
      </form>
      {saving !== null && (
        <SaveViewDialog
          page="search"
          stream={stream.trim()}
          settings={{
            start: readWindow.from === 'custom' ? readWindow.fromTime : readWindow.from,
            end: readWindow.until,
            filter: saving,
            limit: Number(limit) || 1_000,
            columns: columns ?? [],
          }}
          onClose={() => setSaving(null)}
        />
      )}
    </>
  );
}

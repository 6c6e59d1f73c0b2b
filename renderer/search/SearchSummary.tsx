import type { SearchInput } from '../../shared/contract';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The window a search read, in a user's words. */
function windowOf(input: SearchInput): string {
  const from = input.from.type === 'AT_TIMESTAMP' ? `from ${when.format(new Date(input.from.timestamp))}` : 'everything kept';
  const until = input.until.type === 'time' ? `until ${when.format(new Date(input.until.time))}` : 'until caught up';
  return `${from}, ${until}`;
}

/**
 * The search in one line while its form is folded away so the matches get the room: what was
 * searched, a button that opens the form again, and Stop while it runs.
 */
export function SearchSummary({
  input,
  formId,
  formOpen,
  onToggle,
  running,
  onStop,
}: {
  input: SearchInput | null;
  formId: string;
  formOpen: boolean;
  onToggle(): void;
  running: boolean;
  onStop(): void;
}) {
  return (
    <div className="search-summary" role="group" aria-label="Current search">
      {input && (
        <p className="search-summary__text" title={`${input.stream} · ${windowOf(input)} · ${input.expression}`}>
          <span className="mono">{input.stream}</span> · {windowOf(input)} · <span className="mono">{input.expression}</span>
        </p>
      )}
      <div className="search-summary__actions">
        <button type="button" className="button" aria-expanded={formOpen} aria-controls={formId} onClick={onToggle}>
          {formOpen ? 'Hide the search form' : 'Change search'}
        </button>
        {running && (
          <button type="button" className="button" onClick={onStop}>
            Stop search
          </button>
        )}
      </div>
    </div>
  );
}

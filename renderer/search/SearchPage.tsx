import { useCallback, useMemo, useState } from 'react';
import { useAppStore } from '../state/store';
import { MaskingNotice } from '../ui/records/MaskingNotice';
import { RecordsWithInspector } from '../ui/records/RecordsWithInspector';
import { sortRecords } from '../ui/records/record-sort';
import { RecordTable } from '../ui/records/RecordTable';
import { ColumnChooser } from '../ui/records/ColumnChooser';
import { count } from '../ui/format';
import { Readouts } from '../ui/Readouts';
import { ShardProgressList } from '../ui/ShardProgressList';
import { EmptyState, ErrorState } from '../ui/States';
import { SearchForm } from './SearchForm';
import { SearchSummary } from './SearchSummary';
import './search.css';
import { stopMessage } from '../ui/stop-message';
import { recordText, type PreviewRecord } from '../../shared/contract';

const FORM_ID = 'search-form';

/** The matches as JSON Lines, saved by the browser: the text of each record, or its JSON. */
function exportMatches(records: readonly PreviewRecord[], stream: string): void {
  const lines = records
    .map((r) => JSON.stringify({ ...r, data: r.json !== undefined ? r.json : recordText(r), json: undefined, text: undefined }))
    .join('\n');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([`${lines}\n`], { type: 'application/x-ndjson' }));
  link.download = `${stream}-matches.jsonl`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** Search a window across all shards: scanned in main, only matches sent here, in the preview's table. */
export function SearchPage() {
  const session = useAppStore((s) => s.searchSession);
  const status = useAppStore((s) => (s.searchSession ? s.sessionStatuses[s.searchSession] : undefined));
  const matches = useAppStore((s) => s.searchMatches);
  const progress = useAppStore((s) => s.searchProgress);
  const startError = useAppStore((s) => s.searchError);
  const selectedId = useAppStore((s) => s.selectedMatchId);
  const select = useAppStore((s) => s.selectMatch);
  const closeInspector = useCallback(() => select(null), [select]);
  const stream = useAppStore((s) => s.previewStream);
  const running = session !== null && status?.state !== 'stopped';
  const selected = selectedId ? matches.find((r) => r.id === selectedId) : undefined;
  const error = startError ?? stopMessage('search', status);
  const input = useAppStore((s) => s.searchInput);
  const opened = useAppStore((s) => (s.openedView?.view.page === 'search' ? s.openedView : null));
  const stop = useAppStore((s) => s.stopSearch);
  const sort = useAppStore((s) => s.searchSort);
  const setSort = useAppStore((s) => s.setSearchSort);
  const shown = useMemo(() => sortRecords(matches, sort), [matches, sort]);
  // The form folds away by itself once there are matches; the user's toggle overrides that until the next search.
  const [formChoice, setFormChoice] = useState<{ session: string | null; open: boolean } | null>(null);
  const formOpen = formChoice?.session === session ? formChoice.open : matches.length === 0;
  const folded = matches.length > 0;

  const list = (
    <section className="page browser__list" aria-labelledby="search-heading">
      <header className="page__header">
        <h1 id="search-heading">Search</h1>
        <div className="page__actions">
          <ColumnChooser stream={stream.trim()} />
          <button type="button" className="button" disabled={matches.length === 0} onClick={() => exportMatches(matches, stream.trim())}>
            Export matches
          </button>
        </div>
      </header>
      {folded && (
        <SearchSummary
          input={input}
          formId={FORM_ID}
          formOpen={formOpen}
          onToggle={() => setFormChoice({ session, open: !formOpen })}
          running={running && !formOpen}
          onStop={() => void stop()}
        />
      )}
      <div id={FORM_ID} hidden={!formOpen}>
        <SearchForm key={opened?.at ?? 0} running={running} opened={opened} />
      </div>
      {error && <ErrorState title="Search" message={error} />}
      <MaskingNotice sessionId={session} />
      {progress && (
        <div className={folded ? 'search-progress search-progress--folded' : 'search-progress'}>
          <Readouts
            label="Search progress"
            items={[
              ['state', running ? 'searching' : status?.stoppedBy === 'completed' ? 'done' : 'stopped'],
              ['scanned', count(progress.scanned)],
              ['matched', count(progress.matched)],
              ['not evaluated', count(progress.errors)],
              ['records per second', count(Math.round(progress.recordsPerSecond))],
            ]}
          />
          {progress.firstError && <p className="muted">First record the expression could not be evaluated on: {progress.firstError}</p>}
          {folded ? (
            <details className="search-shards">
              <summary>Shards searched ({progress.shards.length})</summary>
              <ShardProgressList label="Shards searched" shards={progress.shards} running={running} stoppedValue={1} />
            </details>
          ) : (
            <ShardProgressList label="Shards searched" shards={progress.shards} running={running} stoppedValue={1} />
          )}
        </div>
      )}
      {!session && matches.length === 0 && !error && (
        <EmptyState title="No search yet" message="Choose a stream, a window and an expression, then search." />
      )}
      {session && !running && matches.length === 0 && !error && (
        <EmptyState title="No record matched" message="Nothing in the window matched the expression." />
      )}
      {matches.length > 0 && (
        <RecordTable stream={stream.trim()} records={shown} selectedId={selectedId} onSelect={select} sort={sort} onSort={setSort} />
      )}
    </section>
  );

  return <RecordsWithInspector id="search" records={list} selected={selected} stream={stream.trim()} onClose={closeInspector} />;
}

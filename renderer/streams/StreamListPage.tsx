import { useCallback, type ReactNode } from 'react';
import { countOf } from '../../shared/plural';
import { useEscapeCloses } from '../ui/shortcuts';
import { useAppStore } from '../state/store';
import { ErrorState, EmptyState, LoadingState } from '../ui/States';
import { StreamDetailPanel } from './detail/StreamDetailPanel';
import { StreamTable } from './StreamTable';
import { SplitPanes } from '../ui/SplitPanes';
import { useStreamList } from './useStreamList';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const number = new Intl.NumberFormat();

/**
 * The stream list and, beside it, the detail of the stream selected. The list is its own
 * component, inside the split: a filter keystroke re-renders the list, not the split around it.
 * consumersOf: the consumers panel of a stream, from the consumers feature (the app wires it).
 */
export function StreamListPage({ consumersOf }: { consumersOf(stream: string): ReactNode }) {
  const selected = useAppStore((s) => s.selectedStream);
  const select = useAppStore((s) => s.selectStream);
  const closeDetail = useCallback(() => select(null), [select]);
  useEscapeCloses(selected ? closeDetail : null);
  return (
    <div className={selected ? 'browser browser--with-detail' : 'browser'}>
      <SplitPanes
        id="streams"
        label="Resize the stream list and the stream's detail"
        first={<StreamListSection />}
        second={
          selected ? <StreamDetailPanel key={selected} name={selected} onClose={closeDetail} consumers={consumersOf(selected)} /> : null
        }
      />
    </div>
  );
}

function StreamListSection() {
  const list = useStreamList();
  const { rows, total, progress } = list;
  const openChange = useAppStore((s) => s.openChange);

  return (
    <section className="page browser__list" aria-labelledby="streams-heading">
      <header className="page__header">
        <h1 id="streams-heading">Streams</h1>
        <div className="page__actions">
          {list.loadedAt && (
            <span className="muted" aria-live="polite">
              Updated {time.format(list.loadedAt)}
            </span>
          )}
          <button type="button" className="button" onClick={() => openChange({ kind: 'create', stream: '' })}>
            Create stream
          </button>
          <button type="button" className="button" onClick={() => void list.refresh()} disabled={list.loading} aria-label="Refresh streams">
            {list.loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>
      <div className="toolbar">
        <input
          className="input toolbar__filter"
          type="search"
          data-shortcut="filter"
          aria-label="Filter streams"
          placeholder="Filter by name"
          value={list.filter}
          onChange={(event) => list.setFilter(event.target.value)}
        />
        <span className="muted" role="status" aria-label="Stream count">
          {rows && (list.filter ? `${number.format(rows.length)} of ${countOf(total, 'stream')}` : countOf(total, 'stream'))}
          {progress && ` · details ${number.format(Math.min(progress.done, progress.total))} / ${number.format(progress.total)}`}
        </span>
      </div>

      {list.error && <ErrorState title="Could not list streams" message={list.error} onRetry={() => void list.refresh()} />}
      {!rows && !list.error && <LoadingState label="Loading streams" />}
      {rows && total === 0 && (
        <EmptyState title="No streams on this connection" message="Streams created in this account and region appear here." />
      )}
      {rows && total > 0 && rows.length === 0 && (
        <EmptyState title="No stream matches" message={`Nothing is named like “${list.filter}”.`} />
      )}
      {rows && rows.length > 0 && (
        <StreamTable rows={rows} sort={list.sort} onSort={list.setSort} selected={list.selected} onSelect={list.select} />
      )}
    </section>
  );
}

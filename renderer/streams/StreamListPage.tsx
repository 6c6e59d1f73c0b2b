import { ErrorState, EmptyState, LoadingState } from '../ui/States';
import { StatusBadge } from './StatusBadge';
import { useStreamList } from './useStreamList';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function StreamListPage() {
  const { streamList, loading, error, loadedAt, refresh } = useStreamList();

  return (
    <section className="page" aria-labelledby="streams-heading">
      <header className="page__header">
        <h1 id="streams-heading">Streams</h1>
        <div className="page__actions">
          {loadedAt && (
            <span className="muted" aria-live="polite">
              Updated {time.format(loadedAt)}
            </span>
          )}
          <button type="button" className="button" onClick={() => void refresh()} disabled={loading} aria-label="Refresh streams">
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>

      {error && <ErrorState title="Could not list streams" message={error} onRetry={() => void refresh()} />}
      {!streamList && !error && <LoadingState label="Loading streams" />}
      {streamList && streamList.streams.length === 0 && (
        <EmptyState title="No streams on this connection" message="Streams created in this account and region appear here." />
      )}
      {streamList && streamList.streams.length > 0 && (
        <table className="table" aria-label="Streams">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Capacity mode</th>
              <th scope="col" className="table__number">
                Open shards
              </th>
              <th scope="col" className="table__number">
                Retention
              </th>
            </tr>
          </thead>
          <tbody>
            {streamList.streams.map((stream) => (
              <tr key={stream.name}>
                <th scope="row" className="table__name">
                  {stream.name}
                </th>
                <td>
                  <StatusBadge status={stream.status} />
                </td>
                <td>{stream.mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'}</td>
                <td className="table__number">{stream.openShards ?? '–'}</td>
                <td className="table__number">{stream.retentionHours === null ? '–' : `${stream.retentionHours} h`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {streamList && streamList.partialErrors.length > 0 && (
        <p className="notice" role="note">
          Details missing for {streamList.partialErrors.length} stream(s): {streamList.partialErrors[0]!.message}
        </p>
      )}
    </section>
  );
}

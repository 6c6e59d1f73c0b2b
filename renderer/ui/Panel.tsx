import type { ReactNode } from 'react';
import type { QueryState } from '../api/query-state';

/**
 * A detail section with its own loading and failure states: a call this panel needs can fail
 * (not allowed, not implemented by the endpoint) without taking the page down.
 */
export function Panel<T>({
  title,
  query,
  children,
  actions,
}: {
  title: string;
  query: QueryState<T>;
  children: (data: T) => ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="panel detail-panel" aria-label={title}>
      <header className="detail-panel__header">
        <h2>{title}</h2>
        {actions}
      </header>
      {query.status === 'loading' && (
        <p className="muted" role="status" aria-busy="true">
          Loading…
        </p>
      )}
      {query.status === 'error' && (
        <p className="muted" role="note">
          Not available: {query.error.message}
        </p>
      )}
      {query.status === 'ok' && children(query.data)}
    </section>
  );
}

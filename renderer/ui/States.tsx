/** The shared empty, loading and error states, so every page says these things the same way. */

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="state" role="status" aria-busy="true" aria-label={label}>
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

export function EmptyState({ title, message }: { title: string; message: string }) {
  return (
    <div className="state" role="status">
      <p className="state__title">{title}</p>
      <p className="muted">{message}</p>
    </div>
  );
}

export function ErrorState({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{title}</p>
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

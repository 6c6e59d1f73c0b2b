import { useActiveConnection } from '../state/useActiveConnection';

export function ConnectionIndicator() {
  const { connection, error } = useActiveConnection();
  if (error) {
    return (
      <div className="connection connection--error" role="status" aria-label="Active connection">
        Connection unknown: {error}
      </div>
    );
  }
  if (!connection) {
    return (
      <div className="connection" role="status" aria-label="Active connection" aria-busy="true">
        Connecting…
      </div>
    );
  }
  return (
    <div className="connection" role="status" aria-label="Active connection">
      <span className={`connection__dot connection__dot--${connection.kind}`} aria-hidden="true" />
      <span className="connection__label">{connection.label}</span>
      {connection.readOnly && (
        <span className="badge" title="Shardscope refuses every write on this connection">
          read-only
        </span>
      )}
      <span className="connection__meta">
        {connection.region}
        {connection.endpoint && connection.kind !== 'sandbox' ? ` · ${connection.endpoint}` : ''}
      </span>
    </div>
  );
}

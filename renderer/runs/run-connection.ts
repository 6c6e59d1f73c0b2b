import { SANDBOX_CONNECTION, type ActiveConnection, type RunConnection, type RunSummary } from '../../shared/contract';

/** How the history names a run's connection: its saved name, "sandbox", or the endpoint it was given. */
export function connectionName(connection: RunConnection | undefined): string {
  if (!connection) return 'unknown connection';
  if (connection.kind === 'sandbox') return 'sandbox';
  return connection.profile ?? connection.endpoint ?? connection.label;
}

const sameConnection = (a: RunConnection, b: ActiveConnection) =>
  a.kind === b.kind && (a.kind === 'sandbox' || (a.profile === b.profile && a.endpoint === b.endpoint && a.region === b.region));

/**
 * The connection "run again" reads with: the run's own (null when that is the active one), or,
 * when it cannot be opened by name any more (removed, given on a command line, or not recorded),
 * what to tell the user instead of quietly using the active one.
 */
export function runAgainConnection(
  run: RunSummary,
  active: ActiveConnection | null,
  savedNames: string[],
): { connection: string | null; label: string } | { gone: string } {
  const used = run.connection;
  if (!used) return { gone: connectionName(used) };
  if (active && sameConnection(used, active)) return { connection: null, label: connectionName(used) };
  if (used.kind === 'sandbox') return { connection: SANDBOX_CONNECTION, label: 'sandbox' };
  if (used.profile && savedNames.includes(used.profile)) return { connection: used.profile, label: used.profile };
  return { gone: connectionName(used) };
}

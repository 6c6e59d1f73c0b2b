import type { SessionStatus } from '../../shared/contract';

/** What a page says about its session once main has stopped it, or null while it runs or was stopped by the user. */
export function stopMessage(what: string, status: SessionStatus | undefined): string | null {
  if (!status || status.state !== 'stopped') return null;
  switch (status.stoppedBy) {
    case 'error':
      return `The ${what} stopped: ${status.reason ?? 'an error ended it.'}`;
    case 'connection-changed':
      return `The ${what} stopped because the connection was switched.`;
    case 'owner-closed':
      // Only a browser tab sees this: its socket closed and the host ended its sessions.
      return `The ${what} stopped: ${status.reason ?? 'its window closed.'}`;
    case 'app-stopped':
      return `The ${what} stopped because Shardscope is shutting down.`;
    default:
      return null;
  }
}

import type { SessionStatus } from '../../shared/contract';
import type { AppState } from '../state/store';

/** The reason a session lost with the socket carries: its page shows it as why it stopped. */
export const LINK_LOST_REASON = 'the connection to Shardscope was lost.';

/**
 * Each session this page still thought alive, said as a user knows it and where to carry on: the
 * host ended them all when their socket closed.
 */
export function describeLostSessions(state: AppState, lost: SessionStatus[]): string[] {
  return lost.map((status) => {
    const id = status.sessionId;
    if (id === state.runSession && state.runTarget)
      return `the run of ${state.runTarget.stream} into ${state.runTarget.folder} stopped. Resume it from Runs.`;
    if (id === state.copySession && state.copyRoute)
      return `the copy of ${state.copyRoute.source} into ${state.copyRoute.target} stopped. Resume it from the stream's Copy dialog.`;
    if (id === state.previewSession) return `the live preview of ${state.previewStream} stopped. Start it again from Live preview.`;
    if (id === state.searchSession && state.searchStream) return `the search of ${state.searchStream} stopped. Start it again from Search.`;
    if (id === state.heatSession && state.heatStream) return `the heat of ${state.heatStream} stopped. Start it again from its Heat panel.`;
    if (id === state.metricsSession) return `the throughput meter of ${state.metricsStream} stopped. Start it again from Throughput.`;
    if (id === state.consumersSession && state.consumersStream)
      return `watching the consumers of ${state.consumersStream} stopped. Open its Consumers panel again to carry on.`;
    return `a ${status.kind} session stopped.`;
  });
}

/** The statuses of every session not yet stopped, now stopped because the link went. */
export function stopLostSessions(statuses: Record<string, SessionStatus>): SessionStatus[] {
  return Object.values(statuses)
    .filter((status) => status.state !== 'stopped')
    .map((status) => ({ ...status, state: 'stopped', stoppedBy: 'owner-closed', reason: LINK_LOST_REASON }));
}

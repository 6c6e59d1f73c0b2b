import type { SessionStatus } from '../../shared/contract';

export interface SessionsSlice {
  /** The last status main sent for each session this window started. */
  sessionStatuses: Record<string, SessionStatus>;
  receiveSessionStatus(status: SessionStatus): void;
}

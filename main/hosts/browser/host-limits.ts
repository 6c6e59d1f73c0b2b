import { MAX_CLIENT_FRAME_BYTES } from '../../../shared/ws-protocol';

/**
 * The browser host's bounds. Every number here stops one tab, or one stranger on loopback, from
 * taking memory or work that belongs to the others.
 */
export interface HostLimits {
  /** Open sockets at once; the next upgrade is answered 503. */
  maxSockets: number;
  /** Calls one socket may have waiting; the next is answered at once with `unavailable`. */
  maxCallsInFlight: number;
  /** The largest frame a tab may send; a larger one closes that socket (1009). Fits every valid call. */
  maxFrameBytes: number;
  /** How often the host pings each socket; one that missed the previous pong is closed. */
  heartbeatMs: number;
  /** Bytes waiting to reach a tab above which its replaceable events are skipped. */
  lagBytes: number;
  /** Bytes waiting above which the tab is not reading at all and its socket is closed. */
  closeBytes: number;
}

export const DEFAULT_HOST_LIMITS: HostLimits = {
  maxSockets: 16,
  maxCallsInFlight: 32,
  maxFrameBytes: MAX_CLIENT_FRAME_BYTES,
  heartbeatMs: 20_000,
  lagBytes: 4 * 1024 * 1024,
  closeBytes: 64 * 1024 * 1024,
};

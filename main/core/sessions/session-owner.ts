import { events, type EventPayload, type EventTopic } from '../../../shared/contract';
import { scrubOutgoing } from '../outgoing';

/**
 * Whoever started a session: an IPC sender, a browser tab's socket, a CLI command. A session's
 * events go to its owner alone, and the owner's going away ends the sessions it started.
 */
export interface SessionOwner {
  readonly id: string;
  /** True once the transport is gone; a start still in flight then stops at once. */
  readonly closed: boolean;
  send<T extends EventTopic>(topic: T, payload: EventPayload<T>): void;
}

export interface ClosableOwner extends SessionOwner {
  close(): void;
}

/**
 * An owner whose events are checked against the contract before delivery, so a malformed event
 * is a bug found in main, not in the UI, and scrubbed of quoted credentials. Nothing is delivered once it is closed.
 */
export function createOwner(id: string, deliver: (topic: EventTopic, payload: unknown) => void): ClosableOwner {
  let closed = false;
  return {
    id,
    get closed() {
      return closed;
    },
    send(topic, payload) {
      if (closed) return;
      deliver(topic, scrubOutgoing(events[topic].parse(payload)));
    },
    close() {
      closed = true;
    },
  };
}

/** For calls made where no one listens to events (one-shot CLI calls, tests of plain calls). */
export const nobody: SessionOwner = createOwner('nobody', () => {});

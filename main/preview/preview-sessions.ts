import type { StartPosition } from '../../shared/contract';
import type { ConnectionManager } from '../connections/connection-manager';
import { createClientFor } from '../connections/target';
import type { EventHub } from '../dispatch/event-hub';
import { SessionRegistry } from '../sessions/session-registry';
import { PreviewSession } from './preview-session';

/** The running previews. */
export class PreviewSessions extends SessionRegistry<PreviewSession> {
  constructor(
    private readonly connections: ConnectionManager,
    private readonly events: EventHub,
  ) {
    super(events);
  }

  open(stream: string, position: StartPosition, shardIds?: string[]): Promise<string> {
    // Its own client: the engine handles throttling itself, so the SDK must not retry behind its back.
    return this.start((id) => new PreviewSession(id, createClientFor(this.connections.target(), { maxAttempts: 1 }), stream, position, shardIds, this.events));
  }

  pause(id: string): void {
    this.get(id).pause();
  }

  resume(id: string): void {
    this.get(id).resume();
  }
}

import { randomUUID } from 'node:crypto';
import type { StartPosition } from '../../shared/contract';
import type { ConnectionManager } from '../connections/connection-manager';
import { createClientFor } from '../connections/target';
import { AppError } from '../dispatch/app-error';
import type { EventHub } from '../dispatch/event-hub';
import { PreviewSession } from './preview-session';

/** The running previews. A connection switch or an app stop ends them all. */
export class PreviewSessions {
  private readonly sessions = new Map<string, PreviewSession>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly events: EventHub,
  ) {
    events.attach((topic) => {
      if (topic === 'connections:changed') void this.stopAll();
    });
  }

  async start(stream: string, position: StartPosition, shardIds?: string[]): Promise<string> {
    const id = randomUUID();
    // Its own client: the engine handles throttling itself, so the SDK must not retry behind its back.
    const session = new PreviewSession(id, createClientFor(this.connections.target(), { maxAttempts: 1 }), stream, position, shardIds, this.events);
    this.sessions.set(id, session);
    try {
      await session.start();
    } catch (error) {
      this.sessions.delete(id);
      await session.stop();
      throw error;
    }
    return id;
  }

  private get(id: string): PreviewSession {
    const session = this.sessions.get(id);
    if (!session) throw new AppError('not-found', 'That preview has already stopped.');
    return session;
  }

  pause(id: string): void {
    this.get(id).pause();
  }

  resume(id: string): void {
    this.get(id).resume();
  }

  async stop(id: string): Promise<boolean> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    await session?.stop();
    return session !== undefined;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.stop(id)));
  }

  get size(): number {
    return this.sessions.size;
  }
}

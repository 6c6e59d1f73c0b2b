import { randomUUID } from 'node:crypto';
import { AppError } from '../dispatch/app-error';
import type { EventHub } from '../dispatch/event-hub';

export interface RunningSession {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The running read sessions of one kind (previews, meters). A connection switch or an app stop
 * ends them all, so no reader outlives the connection it was opened on.
 */
export class SessionRegistry<S extends RunningSession> {
  private readonly sessions = new Map<string, S>();

  constructor(events: EventHub) {
    events.attach((topic) => {
      if (topic === 'connections:changed') void this.stopAll();
    });
  }

  async start(create: (id: string) => S): Promise<string> {
    const id = randomUUID();
    const session = create(id);
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

  get(id: string): S {
    const session = this.sessions.get(id);
    if (!session) throw new AppError('not-found', 'That session has already stopped.');
    return session;
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

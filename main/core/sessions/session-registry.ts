import { MAX_SESSIONS, MAX_SESSIONS_PER_OWNER, type SessionKind, type StopCause } from '../../../shared/contract';
import { AppError } from '../app-error';
import type { Session } from './session';
import type { SessionOwner } from './session-owner';

/**
 * Every running session of the process, whatever its kind. Bounded; a session leaves it the
 * moment it stops, however it stops; only its owner may find, pause or stop it.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limit = MAX_SESSIONS,
    private readonly perOwnerLimit = MAX_SESSIONS_PER_OWNER,
  ) {}

  /** Registers the session before it starts, so an owner that goes away mid-start still ends it. */
  async start<S extends Session>(session: S): Promise<S> {
    if (session.owner.closed) throw new AppError('unavailable', 'The window that asked for this has closed.');
    if (this.sessions.size >= this.limit) {
      throw new AppError(
        'unavailable',
        `Shardscope runs at most ${this.limit} previews, meters, runs and searches at once: stop one first.`,
      );
    }
    if (this.ofOwner(session.owner.id).length >= this.perOwnerLimit) {
      throw new AppError(
        'unavailable',
        `One window runs at most ${this.perOwnerLimit} previews, meters, runs and searches at once: stop one first.`,
      );
    }
    this.sessions.set(session.id, session);
    void session.ended.then(() => this.sessions.delete(session.id));
    await session.start();
    if (session.owner.closed) {
      await session.stop('owner-closed');
      throw new AppError('unavailable', 'The window that asked for this has closed.');
    }
    return session;
  }

  /** The owner's session of that kind; anyone else's is as good as not there. */
  get<S extends Session>(id: string, owner: SessionOwner, kind: SessionKind): S {
    const session = this.sessions.get(id);
    if (!session || session.owner.id !== owner.id || session.kind !== kind)
      throw new AppError('not-found', 'That session has already stopped.');
    return session as S;
  }

  async stop(id: string, owner: SessionOwner, kind: SessionKind): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.owner.id !== owner.id || session.kind !== kind) return false;
    await session.stop('user');
    return true;
  }

  /** The owner is gone (tab closed, renderer reloaded or crashed): its sessions end, others run on. */
  async closeOwner(ownerId: string): Promise<void> {
    await this.stopOwner(ownerId, 'owner-closed');
  }

  /** Ends one owner's sessions (it switched connection); every other owner's run on. */
  async stopOwner(ownerId: string, by: StopCause, reason: string | null = null): Promise<void> {
    await Promise.all(this.ofOwner(ownerId).map((s) => s.stop(by, reason)));
  }

  /** Ends every session that writes with the saved connection `profile`, whoever started it; readers run on. */
  async stopWritersTo(profile: string, by: StopCause, reason: (session: Session) => string): Promise<void> {
    await Promise.all(
      this.list()
        .filter((s) => s.writesTo === profile)
        .map((s) => s.stop(by, reason(s))),
    );
  }

  async stopAll(by: StopCause, reason: string | null = null): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.stop(by, reason)));
  }

  ofOwner(ownerId: string): Session[] {
    return this.list().filter((s) => s.owner.id === ownerId);
  }

  list(): Session[] {
    return [...this.sessions.values()];
  }

  get size(): number {
    return this.sessions.size;
  }
}

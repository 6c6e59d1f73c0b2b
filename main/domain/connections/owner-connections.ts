import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ActiveConnection } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { createClientFor, describeTarget, type ConnectionTarget } from './target';

/** What the app does when a caller's connection changes; the rule is the same for every host. */
export interface ConnectionChanges {
  /** The caller is on another connection now (it chose one, or its own was removed or moved). */
  switched(owner: SessionOwner, active: ActiveConnection): void;
  /** Only the caller's connection's settings changed (read budget, read-only): its work goes on. */
  updated(owner: SessionOwner, active: ActiveConnection): void;
  /** A saved connection was made read-only: whatever writes with it must stop. */
  madeReadOnly(profile: string): void;
}

/** One open connection: its target, the client calls share, and how the renderer may see it. */
export interface Current {
  target: ConnectionTarget;
  client: KinesisClient;
  active: ActiveConnection;
}

export function openCurrent(target: ConnectionTarget): Current {
  return { target, client: createClientFor(target), active: describeTarget(target) };
}

/**
 * Which connection each caller (a window, a tab, a command) is on. A caller that never chose is
 * pinned, at its first call, to the last connection anyone chose, so another tab choosing later
 * does not move it. A connection's client is destroyed once no caller is on it and it is no
 * longer where new callers start.
 */
export class OwnerConnections {
  private readonly byOwner = new Map<string, { owner: SessionOwner; current: Current }>();
  private fallback: Current | null = null;

  /** The caller's connection; pins a caller that never chose to where new callers start. */
  of(owner: SessionOwner): Current {
    const seat = this.byOwner.get(owner.id);
    if (seat) return seat.current;
    if (!this.fallback) throw new AppError('unavailable', 'No connection is open.');
    // A caller already gone is answered but not remembered: nothing would ever release it.
    if (!owner.closed) this.byOwner.set(owner.id, { owner, current: this.fallback });
    return this.fallback;
  }

  /** The caller's connection, or where it would start, without pinning it there (for a look that is not a call's work). */
  peek(owner: SessionOwner): Current | null {
    return this.byOwner.get(owner.id)?.current ?? this.fallback;
  }

  /** Where callers that have not chosen start, without moving anyone already on a connection. */
  get initial(): Current | null {
    return this.fallback;
  }

  /** The caller (none: the host opening) chose `next`: it moves there, and new callers start there too. */
  choose(next: Current, owner?: SessionOwner): void {
    const previous = owner ? this.byOwner.get(owner.id)?.current : undefined;
    const before = this.fallback;
    if (owner && !owner.closed) this.byOwner.set(owner.id, { owner, current: next });
    this.fallback = next;
    for (const old of [previous, before]) if (old && old !== next) this.destroyIfUnused(old);
  }

  /** The saved connection `profile` has new settings only (budget, read-only): same client, its callers told, their work goes on. */
  update(profile: string, target: ConnectionTarget, changes?: ConnectionChanges): void {
    for (const { current, owners } of this.onProfile(profile)) {
      current.target = target;
      current.active = describeTarget(target);
      for (const owner of owners) changes?.updated(owner, current.active);
    }
  }

  /** Every caller on the saved connection `profile`, and new callers if they started there, move to `next` and are told. */
  async moveOff(profile: string, next: () => Promise<Current>, changes?: ConnectionChanges): Promise<void> {
    if (this.onProfile(profile).length === 0) return;
    const opened = await next();
    // Asked again after the wait: a caller may have chosen or gone meanwhile.
    const old = this.onProfile(profile);
    for (const { current, owners } of old) {
      for (const owner of owners) this.byOwner.set(owner.id, { owner, current: opened });
      if (this.fallback === current) this.fallback = opened;
      for (const owner of owners) changes?.switched(owner, opened.active);
    }
    for (const { current } of old) this.destroyIfUnused(current);
    if (old.length === 0) this.destroyIfUnused(opened);
  }

  private onProfile(profile: string): { current: Current; owners: SessionOwner[] }[] {
    return this.open().filter(({ current }) => current.active.profile === profile);
  }

  /** The distinct connections open now, each with the callers on it. */
  open(): { current: Current; owners: SessionOwner[] }[] {
    const all = new Map<Current, SessionOwner[]>();
    if (this.fallback) all.set(this.fallback, []);
    for (const seat of this.byOwner.values()) all.set(seat.current, [...(all.get(seat.current) ?? []), seat.owner]);
    return [...all].map(([current, owners]) => ({ current, owners }));
  }

  /** The caller is gone: it holds nothing any more. */
  release(ownerId: string): void {
    const seat = this.byOwner.get(ownerId);
    if (!seat) return;
    this.byOwner.delete(ownerId);
    this.destroyIfUnused(seat.current);
  }

  get owners(): number {
    return this.byOwner.size;
  }

  closeAll(): void {
    for (const { current } of this.open()) current.client.destroy();
    this.byOwner.clear();
    this.fallback = null;
  }

  private destroyIfUnused(current: Current): void {
    if (current === this.fallback) return;
    for (const seat of this.byOwner.values()) if (seat.current === current) return;
    current.client.destroy();
  }
}

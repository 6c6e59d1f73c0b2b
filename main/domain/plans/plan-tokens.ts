import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ActiveConnection } from '../../../shared/contract';
import { AppError } from '../../core/app-error';

/** What a plan was made for: a confirmed plan of one kind never pays for a change of another. */
export type PlanKind = 'stream-change' | 'checkpoint-move' | 'put-record' | 'send-records' | 'copy' | 'produce';

export interface PlanScope {
  kind: PlanKind;
  /** The window, tab or command that asked for the plan: only it may apply it. */
  owner: string;
  /** From {@link connectionIdentity}: a plan made on one connection applies on that one only. */
  connection: string;
  stream: string;
}

export interface PlanTokenOptions {
  /** How long a confirmed plan may wait before it is applied. */
  ttlMs?: number;
  /** Plans kept at once for one window or tab; its oldest are forgotten first (a form plans on every edit). */
  capacity?: number;
  /** Windows and tabs with plans kept at once; the one that planned least recently is forgotten first. */
  owners?: number;
  now?: () => number;
}

interface IssuedPlan {
  scope: PlanScope;
  digest: Buffer;
  expiresAt: number;
}

export const PLAN_TOKEN_TTL_MS = 10 * 60_000;
const PLAN_TOKEN_CAPACITY = 64;
const PLAN_TOKEN_OWNERS = 256;

/**
 * Who a plan is bound to. Read from the active connection (not held by the caller), so it follows
 * whichever connection a call runs on; a saved profile's endpoint or region changing changes it too.
 */
export function connectionIdentity(active: Pick<ActiveConnection, 'kind' | 'profile' | 'label' | 'region' | 'endpoint'>): string {
  return JSON.stringify([active.kind, active.profile, active.label, active.region, active.endpoint]);
}

/** JSON with every object's keys sorted, so the same content always digests the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/**
 * Every change that destroys or rewrites data is applied only with the token of a plan main made
 * and the user confirmed: a crafted call cannot skip the confirmation, and a token pays for the
 * one change it was issued for (same connection, stream and plan content), once, within minutes.
 * Tokens are random and kept here only; a plan is kept as an HMAC of its canonical content.
 */
export class PlanTokens {
  /** Per owner, so one tab planning on every keystroke never pushes out another tab's confirmed plan. */
  private readonly issued = new Map<string, Map<string, IssuedPlan>>();
  private readonly key = randomBytes(32);
  private readonly ttlMs: number;
  private readonly capacity: number;
  private readonly owners: number;
  private readonly now: () => number;

  constructor(options: PlanTokenOptions = {}) {
    this.ttlMs = options.ttlMs ?? PLAN_TOKEN_TTL_MS;
    this.capacity = options.capacity ?? PLAN_TOKEN_CAPACITY;
    this.owners = options.owners ?? PLAN_TOKEN_OWNERS;
    this.now = options.now ?? Date.now;
  }

  issue(scope: PlanScope, content: unknown): string {
    const token = randomBytes(32).toString('base64url');
    const plans = this.issued.get(scope.owner) ?? new Map<string, IssuedPlan>();
    // Re-inserted, so the owner that planned last is the newest in the map.
    this.issued.delete(scope.owner);
    this.issued.set(scope.owner, plans);
    plans.set(token, { scope, digest: this.digest(scope, content), expiresAt: this.now() + this.ttlMs });
    dropOldest(plans, this.capacity);
    dropOldest(this.issued, this.owners);
    return token;
  }

  /** Spends the token, whatever the outcome: a refused token is never tried again. */
  redeem(token: string, scope: PlanScope, content: unknown): void {
    const plans = this.issued.get(scope.owner);
    const plan = plans?.get(token);
    plans?.delete(token);
    if (plans?.size === 0) this.issued.delete(scope.owner);
    // A token of another window's plan is unknown here as well: each window applies only what it confirmed.
    if (!plan)
      throw refusal('The confirmed plan is unknown here: it was already used, made in another window, or Shardscope restarted since.');
    if (plan.expiresAt <= this.now()) throw refusal(`The confirmed plan is more than ${Math.round(this.ttlMs / 60_000)} minutes old.`);
    if (plan.scope.kind !== scope.kind) throw refusal('The confirmed plan is for another kind of change.');
    if (plan.scope.connection !== scope.connection) throw refusal('The confirmed plan was made on another connection.');
    if (plan.scope.stream !== scope.stream) throw refusal(`The confirmed plan is for the stream ${plan.scope.stream}.`);
    if (!timingSafeEqual(plan.digest, this.digest(scope, content)))
      throw refusal('The change differs from the plan that was confirmed: another change was asked, or the stream changed since.');
  }

  private digest(scope: PlanScope, content: unknown): Buffer {
    return createHmac('sha256', this.key).update(canonicalJson({ scope, content })).digest();
  }
}

function dropOldest<K, V>(map: Map<K, V>, keep: number): void {
  for (const oldest of map.keys()) {
    if (map.size <= keep) break;
    map.delete(oldest);
  }
}

function refusal(reason: string): AppError {
  return new AppError('invalid-input', `${reason} Nothing was changed; plan it again and confirm that plan.`);
}

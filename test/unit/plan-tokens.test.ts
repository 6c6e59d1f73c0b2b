import { describe, expect, it } from 'vitest';
import { connectionIdentity, PlanTokens, type PlanScope } from '../../main/domain/plans/plan-tokens';
import { planTokenSchema } from '../../shared/contract';

const sandbox = connectionIdentity({
  kind: 'sandbox',
  profile: null,
  label: 'Sandbox',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4567',
});
const saved = connectionIdentity({ kind: 'aws', profile: 'prod', label: 'prod', region: 'us-east-1', endpoint: null });
const scope: PlanScope = { kind: 'stream-change', owner: 'tab-1', connection: sandbox, stream: 'orders' };
const plan = { change: { type: 'retention', stream: 'orders', hours: 48 }, blockers: [] };

describe('plan tokens', () => {
  it('issues a random 256-bit token the contract accepts, and pays for the plan it was issued for once', () => {
    const tokens = new PlanTokens();
    const token = tokens.issue(scope, plan);
    expect(planTokenSchema.safeParse(token).success).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokens.issue(scope, plan)).not.toBe(token);
    // The same content with its keys in another order is the same plan.
    expect(() =>
      tokens.redeem(
        token,
        { stream: 'orders', connection: sandbox, owner: 'tab-1', kind: 'stream-change' },
        { blockers: [], change: { hours: 48, stream: 'orders', type: 'retention' } },
      ),
    ).not.toThrow();
    expect(() => tokens.redeem(token, scope, plan)).toThrow(/unknown here: it was already used/);
  });

  it('refuses a token after its expiry, on another connection, for another stream, kind or content, and spends it', () => {
    let now = 1_000_000;
    const tokens = new PlanTokens({ now: () => now, ttlMs: 600_000 });
    const expired = tokens.issue(scope, plan);
    now += 600_000;
    for (const [other, content, reason] of [
      [{ ...scope, connection: saved }, plan, /made on another connection/],
      [{ ...scope, stream: 'payments' }, plan, /for the stream orders/],
      [{ ...scope, kind: 'checkpoint-move' }, plan, /another kind of change/],
      [scope, { ...plan, change: { ...plan.change, hours: 72 } }, /differs from the plan that was confirmed/],
    ] as const) {
      const token = tokens.issue(scope, plan);
      expect(() => tokens.redeem(token, other, content)).toThrow(reason);
      // Spent by the refusal: the right call cannot follow a wrong one with the same token.
      expect(() => tokens.redeem(token, scope, plan)).toThrow(/unknown here/);
    }
    expect(() => tokens.redeem(expired, scope, plan)).toThrow(/more than 10 minutes old.*Nothing was changed/);
  });

  it('keeps a bounded number of plans, forgetting the oldest first', () => {
    const tokens = new PlanTokens({ capacity: 3 });
    const issued = Array.from({ length: 4 }, () => tokens.issue(scope, plan));
    expect(() => tokens.redeem(issued[0]!, scope, plan)).toThrow(/unknown here/);
    for (const token of issued.slice(1)) expect(() => tokens.redeem(token, scope, plan)).not.toThrow();
  });

  it("applies a plan only in the window that made it, and one window's plans never push out another's", () => {
    const tokens = new PlanTokens({ capacity: 3 });
    const other = { ...scope, owner: 'tab-2' };
    const mine = tokens.issue(scope, plan);
    const theirs = tokens.issue(other, plan);
    // Another tab planning on every keystroke.
    for (let i = 0; i < 50; i++) tokens.issue(other, { ...plan, keystroke: i });
    expect(() => tokens.redeem(theirs, other, plan)).toThrow(/unknown here/);
    const stolen = tokens.issue(other, plan);
    expect(() => tokens.redeem(stolen, scope, plan)).toThrow(/made in another window/);
    // Not spent by the other window's try: the window that planned it still applies it.
    expect(() => tokens.redeem(stolen, other, plan)).not.toThrow();
    expect(() => tokens.redeem(mine, scope, plan)).not.toThrow();
  });

  it('keeps plans for a bounded number of windows, forgetting the one that planned least recently', () => {
    const tokens = new PlanTokens({ owners: 2 });
    const first = tokens.issue(scope, plan);
    tokens.issue({ ...scope, owner: 'tab-2' }, plan);
    tokens.issue({ ...scope, owner: 'tab-3' }, plan);
    expect(() => tokens.redeem(first, scope, plan)).toThrow(/unknown here/);
  });
});

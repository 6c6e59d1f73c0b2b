import { describe, expect, it } from 'vitest';
import { Session } from '../../main/core/sessions/session';
import { createOwner } from '../../main/core/sessions/session-owner';
import { SessionRegistry } from '../../main/core/sessions/session-registry';

class IdleSession extends Session {
  readonly kind = 'metrics' as const;
  protected async begin() {}
  protected async end() {}
}

describe('the session registry', () => {
  it('holds at most the per-owner limit for one window, while another window still starts its own', async () => {
    const registry = new SessionRegistry(10, 3);
    const greedy = createOwner('greedy', () => {});
    const other = createOwner('other', () => {});
    for (let i = 0; i < 3; i++) await registry.start(new IdleSession(`g${i}`, greedy));
    await expect(registry.start(new IdleSession('g3', greedy))).rejects.toThrow(/One window runs at most 3/);
    await registry.start(new IdleSession('o0', other));
    expect(registry.ofOwner('greedy')).toHaveLength(3);
    await registry.stop('g0', greedy, 'metrics');
    await registry.start(new IdleSession('g4', greedy));
    expect(registry.size).toBe(4);
    await registry.stopAll('app-stopped');
    expect(registry.size).toBe(0);
  });
});

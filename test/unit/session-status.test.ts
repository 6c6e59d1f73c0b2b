import { describe, expect, it } from 'vitest';
import { Session } from '../../main/core/sessions/session';
import { createOwner } from '../../main/core/sessions/session-owner';
import type { SessionStatus } from '../../shared/contract';

class IdleSession extends Session {
  readonly kind = 'metrics' as const;
  protected async begin() {}
  protected async end() {}
}

/** The statuses an owner is sent, checked against the contract as every transport's are. */
function statusesOf(start: (owner: ReturnType<typeof createOwner>) => Promise<void>) {
  const sent: SessionStatus[] = [];
  const owner = createOwner('cli', (topic, payload) => {
    if (topic === 'session:status') sent.push(payload as SessionStatus);
  });
  return { sent, done: start(owner) };
}

describe("a session's last status", () => {
  it('carries the remedy of the failure that stopped it, for each host to word', async () => {
    const { sent, done } = statusesOf(async (owner) => {
      const session = new IdleSession('s1', owner);
      await session.start();
      await session.stop('error', 'The disk is full.', 'resume');
    });
    await done;
    expect(sent.at(-1)).toEqual({
      sessionId: 's1',
      kind: 'metrics',
      state: 'stopped',
      stoppedBy: 'error',
      reason: 'The disk is full.',
      remedy: 'resume',
    });
  });

  it('has no remedy when none was given', async () => {
    const { sent, done } = statusesOf(async (owner) => {
      const session = new IdleSession('s2', owner);
      await session.start();
      await session.stop('user');
    });
    await done;
    expect(sent.at(-1)).toEqual({ sessionId: 's2', kind: 'metrics', state: 'stopped', stoppedBy: 'user', reason: null });
  });
});

import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

describe('the sessions slice', () => {
  it("takes a session's stop from main and says why on the page", async () => {
    const { store, push } = storeWithFakeMain({ 'preview:start': { sessionId: 'mine' } });
    store.getState().setPreviewStream('orders');
    await store.getState().startPreview({ type: 'LATEST' });
    push('session:status', {
      sessionId: 'mine',
      kind: 'preview',
      state: 'stopped',
      stoppedBy: 'error',
      reason: 'AccessDeniedException: no',
    });
    expect(store.getState().sessionStatuses.mine).toMatchObject({ state: 'stopped', reason: 'AccessDeniedException: no' });
  });

  it('keeps the last 64 statuses, forgetting stopped sessions before running ones', () => {
    const { store, push } = storeWithFakeMain();
    push('session:status', { sessionId: 'running-0', kind: 'preview', state: 'running' } as never);
    for (let i = 1; i <= 64; i++)
      push('session:status', { sessionId: `stopped-${i}`, kind: 'search', state: 'stopped', stoppedBy: 'user' } as never);
    const ids = Object.keys(store.getState().sessionStatuses);
    expect(ids).toHaveLength(65);
    push('session:status', { sessionId: 'stopped-65', kind: 'search', state: 'stopped', stoppedBy: 'user' } as never);
    const kept = Object.keys(store.getState().sessionStatuses);
    expect(kept).toContain('running-0');
    expect(kept).not.toContain('stopped-1');
    expect(kept).toHaveLength(65);
  });
});

import { describe, expect, it } from 'vitest';
import { quitQuestion } from '../../main/hosts/electron/quit-guard';
import type { Session } from '../../main/core/sessions/session';

const session = (kind: string, stopped = false, folder?: string) => ({ kind, isStopped: stopped, folder }) as unknown as Session;

describe('quitting while runs write', () => {
  it('asks first while a run is active, naming its folder', () => {
    const question = quitQuestion({ list: () => [session('preview'), session('run', false, '/data/orders')] });
    expect(question?.message).toBe('An ingestion run is still writing. Quit anyway?');
    expect(question?.detail).toContain('/data/orders');
  });

  it('does not ask for previews, meters or runs that have stopped', () => {
    expect(quitQuestion({ list: () => [session('preview'), session('metrics'), session('run', true, '/x')] })).toBeNull();
  });
});

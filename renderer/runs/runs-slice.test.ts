import { describe, expect, it } from 'vitest';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';

const spec = { stream: 'orders', folder: '/data/orders' } as never;
const progress = (sessionId: string, records: number) => ({ sessionId, records }) as never;

describe('the runs slice', () => {
  it("keeps its own run's progress, and names what the run reads and writes", async () => {
    const { store, push, inputsOf } = storeWithFakeMain({ 'runs:start': { sessionId: 'run-1' }, 'runs:stop': { stopped: true } });
    await store.getState().startRun(spec, true, 'prod');
    expect(inputsOf('runs:start')).toEqual([{ spec, resume: true, restart: false, connection: 'prod' }]);
    expect(store.getState().runTarget).toEqual({ stream: 'orders', folder: '/data/orders' });
    push('run:progress', progress('someone-else', 9));
    expect(store.getState().runProgress).toBeNull();
    push('run:progress', progress('run-1', 5));
    await store.getState().stopRun();
    push('run:progress', progress('run-1', 7));
    expect(store.getState().runProgress).toMatchObject({ records: 7 });
    expect(inputsOf('runs:stop')).toEqual([{ sessionId: 'run-1' }]);
  });

  it("says why a run did not start, with the app's words for what to do", async () => {
    const { store } = storeWithFakeMain({
      'runs:start': () => ({
        ok: false,
        error: { code: 'conflict', message: 'The folder holds another run.', remedy: 'resume-or-elsewhere' },
      }),
    });
    await store.getState().startRun(spec, false);
    expect(store.getState().runError).toBe(
      'The folder holds another run. Tick “Resume the run already in this folder” to carry it on, or choose another folder.',
    );
    expect(store.getState().runSession).toBeNull();
  });

  it('loads the run history, and keeps the last one shown when a reload fails', async () => {
    let fail = false;
    const runs = [{ folder: '/data/orders' }];
    const { store } = storeWithFakeMain({
      'runs:history': () => (fail ? { ok: false, error: { code: 'internal', message: 'disk gone' } } : { ok: true, value: { runs } }),
    });
    await store.getState().loadRunHistory();
    expect(store.getState().runHistory).toEqual(runs);
    fail = true;
    await store.getState().loadRunHistory();
    expect(store.getState()).toMatchObject({ runHistory: runs, runHistoryError: 'disk gone' });
  });
});
